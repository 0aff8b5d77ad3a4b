"""Required training: the equity team's pages to list, create, edit and retire requirements."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equity.audit import HistoryView
from equity.pagination import page_of
from equity.views.shortcuts import add_service_errors, require
from training.forms_required import RequirementForm, RetireForm
from training.models import TrainingRequirement
from training.permissions import can_manage_requirements
from training.requirement_services import requirement_retire, requirement_save
from training.requirements import requirement_list_for_user


def _stale(exc: ValidationError) -> bool:
    return getattr(exc, "code", "") == "stale"  # a StaleEdit; field errors (a dict) carry no code


@login_required
def requirement_list_view(request):
    """Every requirement, in effect and retired (paginated)."""
    require(can_manage_requirements(request.user))
    page = page_of(request, requirement_list_for_user(user=request.user))
    return render(request, "training/requirement_list.html", {"page_obj": page, "retire_form": RetireForm()})


@login_required
def requirement_form_view(request, pk: int | None = None):
    require(can_manage_requirements(request.user))
    requirement = (
        get_object_or_404(requirement_list_for_user(user=request.user), pk=pk) if pk else TrainingRequirement()
    )
    form = RequirementForm(request.POST or None, instance=requirement)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            requirement_save(
                author=request.user,
                requirement=form.save(commit=False),
                expected_revision=form.cleaned_data["revision"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            status = 409 if _stale(exc) else 200
        else:
            messages.success(request, _("The requirement %(r)s has been saved.") % {"r": requirement})
            return redirect("training:requirement_list")
    context = {"form": form, "requirement": requirement}
    return render(request, "training/requirement_form.html", context, status=status)


@login_required
@require_POST
def requirement_retire_view(request, pk: int):
    require(can_manage_requirements(request.user))
    requirement = get_object_or_404(requirement_list_for_user(user=request.user), pk=pk)
    form = RetireForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("The form was tampered with."))
    try:
        requirement_retire(
            author=request.user, requirement=requirement, expected_revision=form.cleaned_data["revision"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The requirement %(r)s has been retired.") % {"r": requirement})
    return redirect("training:requirement_list")


class RequirementHistoryView(HistoryView):
    hidden_fields = ("revision",)

    def get_queryset(self):
        if not can_manage_requirements(self.request.user):
            raise PermissionDenied
        return requirement_list_for_user(user=self.request.user)
