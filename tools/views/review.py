"""The lifecycle pages: submit for review, approve or return, reopen."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tools import permissions
from tools.forms import ReasonForm, ReviewForm
from tools.selectors import assessment_get_for_user
from tools.services.lifecycle import assessment_approve, assessment_reopen, assessment_return, assessment_submit
from tools.views.assessments import assessment_context


@login_required
@require_POST
def assessment_submit_view(request, pk: int):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    if not permissions.can_submit_assessment(request.user, assessment):
        raise PermissionDenied
    try:
        assessment_submit(assessment=assessment, author=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("tools:assessment_detail", pk=pk)
    messages.success(request, _("The assessment has been sent for review."))
    return redirect("tools:assessment_detail", pk=pk)


@login_required
def assessment_review_view(request, pk: int):
    """Approve with a sign-off note, or return with comments (a manager of the department or the equity team)."""
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    if not permissions.can_review_assessment(request.user, assessment):
        raise PermissionDenied
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                assessment_approve(
                    assessment=assessment,
                    author=request.user,
                    sign_off_note=data["note"],
                    recommendations=data["recommendations"],
                )
                messages.success(request, _("The assessment is approved and completed."))
            else:
                assessment_return(assessment=assessment, author=request.user, comments=data["note"])
                messages.success(request, _("The assessment has been returned to its team."))
        except ValidationError as exc:
            form.add_error("note", exc.messages[0])
        else:
            return redirect("tools:assessment_detail", pk=pk)
    context = assessment_context(request, assessment)
    context["review_form"] = form
    return render(request, "tools/assessment_review.html", context)


@login_required
def assessment_reopen_view(request, pk: int):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    if not permissions.can_reopen_assessment(request.user, assessment):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment_reopen(assessment=assessment, author=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error("reason", exc.messages[0])
        else:
            messages.success(request, _("The assessment has been reopened as a draft."))
            return redirect("tools:assessment_detail", pk=pk)
    return render(request, "tools/assessment_reopen.html", {"assessment": assessment, "form": form})
