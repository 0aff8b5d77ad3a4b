"""Practice library pages: browse and search, read, suggest or add, edit, review, attachments, history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equity.audit import HistoryView
from equity.models import Department
from equity.pagination import page_of
from library.exchange import exportable_templates
from library.forms import (
    AdoptionForm,
    AttachmentForm,
    PracticeFilterForm,
    PracticeForm,
    PracticeReviewForm,
    StrategyForm,
)
from library.models import Practice, PracticeAdoption, PracticeStrategy
from library.permissions import (
    can_edit_practice,
    can_export_practices,
    can_import_practices,
    can_link_action,
    can_link_assessment,
    can_review_practice,
    can_suggest_practice,
    can_unlink_strategy,
)
from library.selectors import (
    PracticeFilters,
    adoption_list_for_practice,
    attachment_list_for_user,
    equity_area_choices,
    linkable_action_list_for_user,
    linkable_assessment_list_for_user,
    practice_browse_for_user,
    practice_detail_for_user,
    practice_list_for_user,
    practice_rows,
    practice_suggestions_for_user,
    strategy_list_for_practice,
)
from library.services.adoptions import adoption_add, adoption_remove, strategy_add, strategy_remove
from library.services.attachments import attachment_add, attachment_delete
from library.services.practices import practice_create, practice_review, practice_update


def practice_filters_from(request, *, areas, departments) -> tuple[PracticeFilterForm, PracticeFilters]:
    """The filter form bound to the query string, and the valid filters it carries (invalid ones are dropped)."""
    form = PracticeFilterForm(request.GET or None, areas=areas, departments=departments)
    values = {}
    if form.is_bound:
        form.is_valid()
        values = {name: form.cleaned_data.get(name) for name in form.fields if name in form.cleaned_data}
    department = values.get("department")
    filters = PracticeFilters(
        q=values.get("q") or "",
        kind=values.get("kind") or "",
        area=values.get("area") or "",
        department=department.pk if department else None,
        jurisdiction=values.get("jurisdiction") or "",
        status=values.get("status") or "",
    )
    return form, filters


@login_required
def practice_list_view(request):
    """Browse and search the library, with filters, 50 practices a page."""
    areas = equity_area_choices()
    departments = list(Department.objects.filter(is_active=True))
    form, filters = practice_filters_from(request, areas=areas, departments=departments)
    page = page_of(request, practice_browse_for_user(user=request.user, filters=filters))
    context = {
        "form": form,
        "page_obj": page,
        "practices": practice_rows(practices=page.object_list, areas=areas),
        "filtered": any(vars(filters).values()),
        "can_edit": can_edit_practice(request.user),
        "can_export": can_export_practices(request.user),
        "export_templates": list(exportable_templates()) if can_export_practices(request.user) else [],
        "can_import": can_import_practices(request.user),
        "export_query": request.GET.urlencode(),
    }
    return render(request, "library/practice_list.html", context)


@login_required
def practice_detail_view(request, pk: int):
    """A practice with its areas, departments, evidence and attachments."""
    practice = get_object_or_404(practice_detail_for_user(user=request.user), pk=pk)
    adoptions = list(adoption_list_for_practice(user=request.user, practice=practice))
    strategies = list(strategy_list_for_practice(user=request.user, practice=practice))
    context = {
        "practice": practice,
        "adoptions": adoptions,
        "removable_action_ids": {a.action_id for a in adoptions if can_link_action(request.user, a.action)},
        "can_edit": can_edit_practice(request.user, practice),
        "can_review": can_review_practice(request.user, practice),
        "can_link": practice.review_state == Practice.Review.PUBLISHED
        and linkable_action_list_for_user(user=request.user).exists(),
        "strategies": strategies,
        "removable_assessment_ids": {s.assessment_id for s in strategies if can_unlink_strategy(request.user, s)},
        "can_link_assessment": practice.review_state == Practice.Review.PUBLISHED
        and linkable_assessment_list_for_user(user=request.user).exists(),
    }
    return render(request, "library/practice_detail.html", context)


@login_required
def practice_create_view(request):
    """Add a practice (the equity team) or suggest one for review (everyone else)."""
    if not can_suggest_practice(request.user):
        raise PermissionDenied
    direct = can_edit_practice(request.user)
    form = PracticeForm(request.POST or None, can_set_status=direct)
    if request.method == "POST" and form.is_valid():
        practice = practice_create(
            author=request.user,
            data=form.cleaned_data,
            equity_areas=form.cleaned_data["equity_areas"],
            departments=form.cleaned_data["departments"],
        )
        if direct:
            messages.success(request, _("The practice is in the library."))
        else:
            messages.success(request, _("Thank you: the equity team will review your suggestion."))
        return redirect("library:practice_detail", pk=practice.pk)
    return render(request, "library/practice_form.html", {"form": form, "direct": direct})


@login_required
def practice_update_view(request, pk: int):
    """Edit a practice (the equity team); a stale edit is refused with a message."""
    practice = get_object_or_404(practice_list_for_user(user=request.user), pk=pk)
    if not can_edit_practice(request.user, practice):
        raise PermissionDenied
    form = PracticeForm(request.POST or None, instance=practice, initial={"version": practice.version})
    if request.method == "POST" and form.is_valid():
        try:
            practice = practice_update(
                author=request.user,
                practice=practice,
                version=form.cleaned_data["version"] or 0,
                data=form.cleaned_data,
                equity_areas=form.cleaned_data["equity_areas"],
                departments=form.cleaned_data["departments"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("library:practice_detail", pk=practice.pk)
    return render(request, "library/practice_form.html", {"form": form, "practice": practice, "direct": True})


@login_required
def practice_review_view(request, pk: int):
    """Publish or decline a staff suggestion (the equity team)."""
    practice = get_object_or_404(practice_detail_for_user(user=request.user), pk=pk)
    if not can_edit_practice(request.user, practice):
        raise PermissionDenied
    if not can_review_practice(request.user, practice):
        messages.info(request, _("This suggestion has already been reviewed."))
        return redirect("library:practice_detail", pk=practice.pk)
    form = PracticeReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        publish = form.cleaned_data["decision"] == "publish"
        try:
            practice_review(author=request.user, practice=practice, publish=publish, note=form.cleaned_data["note"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Published to the library.") if publish else _("Suggestion declined."))
            return redirect("library:practice_detail", pk=practice.pk)
    return render(request, "library/practice_review.html", {"form": form, "practice": practice})


@login_required
def practice_suggestion_list_view(request):
    """Suggestions: those awaiting review for the equity team; one's own, with their outcome, for everyone."""
    page = page_of(request, practice_suggestions_for_user(user=request.user))
    context = {"page_obj": page, "practices": page.object_list, "can_review": can_edit_practice(request.user)}
    return render(request, "library/practice_suggestions.html", context)


class PracticeHistoryView(HistoryView):
    """Every change to a practice, with its equity areas and departments; the edit counter is not shown."""

    related = ("equity_areas", "departments")
    hidden_fields = ("version",)
    skip_unchanged = True

    def get_queryset(self):
        return practice_list_for_user(user=self.request.user)


@login_required
def attachment_create_view(request, pk: int):
    """Attach a document to a practice (the equity team); type checked by content, size limited."""
    practice = get_object_or_404(practice_list_for_user(user=request.user), pk=pk)
    if not can_edit_practice(request.user, practice):
        raise PermissionDenied
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        attachment_add(
            author=request.user,
            practice=practice,
            upload=form.cleaned_data["file"],
            description=form.cleaned_data["description"],
        )
        messages.success(request, _("Attachment added."))
        return redirect("library:practice_detail", pk=practice.pk)
    return render(request, "library/attachment_form.html", {"form": form, "practice": practice})


@login_required
def attachment_download_view(request, pk: int):
    """Serve an attachment to someone who may read its practice, always as a download."""
    attachment = get_object_or_404(attachment_list_for_user(user=request.user), pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=attachment.name, content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def attachment_delete_view(request, pk: int):
    """Remove an attachment (the equity team)."""
    attachment = get_object_or_404(attachment_list_for_user(user=request.user), pk=pk)
    if not can_edit_practice(request.user, attachment.practice):
        raise PermissionDenied
    practice_pk = attachment.practice_id
    attachment_delete(author=request.user, attachment=attachment)
    messages.success(request, _("Attachment removed."))
    return redirect("library:practice_detail", pk=practice_pk)


@login_required
def adoption_create_view(request, pk: int):
    """Link a published practice to a plan action the user may edit (“this action adopts practice X”)."""
    practice = get_object_or_404(practice_list_for_user(user=request.user), pk=pk)
    actions = linkable_action_list_for_user(user=request.user).select_related("lead_department")
    if practice.review_state != Practice.Review.PUBLISHED or not actions.exists():
        raise PermissionDenied
    form = AdoptionForm(request.POST or None, actions=actions)
    if request.method == "POST" and form.is_valid():
        action = form.cleaned_data["action"]
        if not can_link_action(request.user, action):
            raise PermissionDenied
        try:
            adoption_add(author=request.user, practice=practice, action=action, note=form.cleaned_data["note"])
        except ValidationError as exc:
            form.add_error("action", exc)
        else:
            messages.success(request, _("Linked: %(action)s adopts this practice.") % {"action": action.title})
            return redirect("library:practice_detail", pk=practice.pk)
    return render(request, "library/adoption_form.html", {"form": form, "practice": practice})


@login_required
@require_POST
def adoption_delete_view(request, pk: int):
    """Remove a link between a practice and a plan action (whoever may edit the action)."""
    practice_pks = practice_list_for_user(user=request.user).values("pk")
    adoption = get_object_or_404(
        PracticeAdoption.objects.select_related("action").filter(practice__in=practice_pks), pk=pk
    )
    if not can_link_action(request.user, adoption.action):
        raise PermissionDenied
    adoption_remove(author=request.user, adoption=adoption)
    messages.success(request, _("Link removed."))
    return redirect("library:practice_detail", pk=adoption.practice_id)


@login_required
def strategy_create_view(request, pk: int):
    """Link a published practice to an equity tool assessment that draws strategies from it."""
    practice = get_object_or_404(practice_list_for_user(user=request.user), pk=pk)
    assessments = linkable_assessment_list_for_user(user=request.user)
    if practice.review_state != Practice.Review.PUBLISHED or not assessments.exists():
        raise PermissionDenied
    form = StrategyForm(request.POST or None, assessments=assessments)
    if request.method == "POST" and form.is_valid():
        assessment = form.cleaned_data["assessment"]
        if not can_link_assessment(request.user, assessment):
            raise PermissionDenied
        try:
            strategy_add(author=request.user, practice=practice, assessment=assessment, note=form.cleaned_data["note"])
        except ValidationError as exc:
            form.add_error("assessment", exc)
        else:
            messages.success(request, _("Linked: %(title)s draws on this practice.") % {"title": assessment.title})
            return redirect("library:practice_detail", pk=practice.pk)
    return render(request, "library/strategy_form.html", {"form": form, "practice": practice})


@login_required
@require_POST
def strategy_delete_view(request, pk: int):
    """Remove a link between a practice and an equity tool assessment."""
    practice_pks = practice_list_for_user(user=request.user).values("pk")
    strategy = get_object_or_404(
        PracticeStrategy.objects.select_related("assessment").filter(practice__in=practice_pks), pk=pk
    )
    if not can_link_assessment(request.user, strategy.assessment):
        raise PermissionDenied
    strategy_remove(author=request.user, strategy=strategy)
    messages.success(request, _("Link removed."))
    return redirect("library:practice_detail", pk=strategy.practice_id)
