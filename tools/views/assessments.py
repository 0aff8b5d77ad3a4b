"""Assessment lists, counts, creation, the overview page, the printable view and the history page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from equity.audit import HistoryView
from equity.contributions import page_sections
from equity.evidence.selectors import attach_panels
from equity.pagination import page_of
from equity.permissions import is_equity_team
from tools import permissions
from tools.forms import AssessmentFilterForm, AssessmentForm, ReasonForm, ReviewForm
from tools.links import action_links_for_assessment
from tools.selectors import (
    assessment_filter,
    assessment_get_for_user,
    assessment_list_for_user,
    assessment_reviews,
    assessment_search,
    assessment_steps,
    completed_counts,
    step_comments,
    transitions,
)
from tools.services.assessments import assessment_create, assessment_update
from tools.worklist import attach_worklist, with_worklist, worklist_status


@login_required
def assessment_list_view(request):
    filters = AssessmentFilterForm(request.GET or None)
    params: dict = {}
    if filters.is_bound:
        filters.is_valid()  # a bad value (an over-long search, a year out of range) shows its error; the rest apply
        params = filters.cleaned_data
    scope = params.get("scope") or ("all" if is_equity_team(request.user) else "mine")
    qs = assessment_filter(
        qs=assessment_list_for_user(user=request.user),
        scope=scope,
        user=request.user,
        status=params.get("status", ""),
        decision_type=params.get("decision_type", ""),
        department=params.get("department"),
        year=params.get("year"),
    )
    qs = assessment_search(qs=qs, q=params.get("q", ""))
    page = page_of(request, with_worklist(qs, user=request.user))
    page.object_list = attach_worklist(page.object_list, user=request.user)
    return render(request, "tools/assessment_list.html", {"page_obj": page, "filters": filters, "scope": scope})


@login_required
def completed_counts_view(request):
    rows = completed_counts(user=request.user)
    departments = sorted({r["department__name"] for r in rows})
    years = sorted({r["year"] for r in rows}, reverse=True)
    cells = {(r["department__name"], r["year"]): r["total"] for r in rows}
    table = [(d, [cells.get((d, y), 0) for y in years]) for d in departments]
    return render(request, "tools/completed_counts.html", {"years": years, "table": table})


@login_required
def assessment_create_view(request):
    form = AssessmentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        team = data.pop("team")
        try:
            assessment = assessment_create(author=request.user, team=team, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The assessment has been started. Work through the steps in any order."))
            return redirect("tools:step_fill", pk=assessment.pk, number=1)
    return render(request, "tools/assessment_form.html", {"form": form})


@login_required
def assessment_update_view(request, pk: int):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    if not permissions.can_edit_assessment(request.user, assessment):
        raise PermissionDenied
    form = AssessmentForm(request.POST or None, instance=assessment, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        team = data.pop("team")
        assessment_update(assessment=assessment, author=request.user, team=team, **data)
        messages.success(request, _("The details have been saved."))
        return redirect("tools:assessment_detail", pk=assessment.pk)
    return render(request, "tools/assessment_form.html", {"form": form, "assessment": assessment})


def assessment_context(request, assessment, *, progress_only: bool = False) -> dict:
    """What the overview and the printable view both show (the overview: the steps' progress, not the answers)."""
    user = request.user
    changes = list(transitions(assessment=assessment))
    return {
        "assessment": assessment,
        "worklist": worklist_status(assessment, user=user, last_action=changes[-1].action if changes else ""),
        "steps": assessment_steps(assessment=assessment, progress_only=progress_only),
        "team": list(assessment.team.all()),
        "transitions": changes,
        "reviews": list(assessment_reviews(assessment=assessment)),
        "comments": list(step_comments(assessment=assessment)),
        "action_links": action_links_for_assessment(assessment=assessment),
        "can_edit": permissions.can_edit_assessment(user, assessment),
        "can_review": permissions.can_review_assessment(user, assessment),
        "can_reopen": permissions.can_reopen_assessment(user, assessment),
        "can_link": permissions.can_link_actions(user, assessment),
    }


@login_required
def assessment_detail_view(request, pk: int):
    assessment = assessment_get_for_user(user=request.user, pk=pk, with_team=True)
    context = assessment_context(request, assessment, progress_only=True)
    context["review_form"] = ReviewForm() if context["can_review"] else None
    context["reopen_form"] = ReasonForm() if context["can_reopen"] else None
    context["missing"] = [s for s in context["steps"] if s.missing]
    context["end_sections"] = page_sections(slot="tools.assessment_detail.end", user=request.user, obj=assessment)
    attach_panels(user=request.user, objects=[assessment])
    return render(request, "tools/assessment_detail.html", context)


@login_required
def assessment_print_view(request, pk: int):
    assessment = assessment_get_for_user(user=request.user, pk=pk, with_team=True)
    context = assessment_context(request, assessment)
    context["can_link"] = False  # the printed page carries no buttons
    return render(request, "tools/assessment_print.html", context)


class AssessmentHistoryView(HistoryView):
    back_url_name = "tools:assessment_detail"

    def get_queryset(self):
        return assessment_list_for_user(user=self.request.user)
