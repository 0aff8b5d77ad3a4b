"""Turning a strategy row into a plan action, linking an existing action, and removing a link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tools import permissions
from tools.answer_rules import TamperedAnswer
from tools.forms import LinkActionForm, NewActionForm
from tools.links import actions_to_link_for_user, plans_for_new_actions
from tools.models import ActionLink
from tools.selectors import assessment_get_for_user
from tools.services.answers import question_for_assessment
from tools.services.links import action_create_from_assessment, action_link_existing, action_unlink, strategy_row


def _row(request):
    """The (question id, row index) the page was opened for, from the query string or the form."""
    source = request.POST if request.method == "POST" else request.GET
    question_id, row = source.get("question"), source.get("row")
    if not question_id:
        return None, None
    try:
        return question_id, int(row)
    except (TypeError, ValueError):
        raise TamperedAnswer("bad row") from None


@login_required
def action_link_view(request, pk: int):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    if not permissions.can_link_actions(request.user, assessment):
        raise PermissionDenied
    question_id, row = _row(request)
    question = question_for_assessment(assessment=assessment, question_id=question_id) if question_id else None
    row_text = strategy_row(assessment=assessment, question=question, row=row)
    plans = plans_for_new_actions(user=request.user)
    which = request.POST.get("form") if request.method == "POST" else None
    new_form = NewActionForm(
        request.POST if which == "new" else None,
        plans=plans,
        initial={"title": row_text, "accountable": request.user},  # a longer row is refused with a message, not cut
    )
    linkable = actions_to_link_for_user(user=request.user, assessment=assessment)
    link_form = LinkActionForm(request.POST if which == "link" else None, actions=linkable)
    form = new_form if which == "new" else link_form
    if which in ("new", "link") and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if which == "new":
                action_create_from_assessment(
                    assessment=assessment, author=request.user, question=question, row=row, **data
                )
            else:
                action_link_existing(assessment=assessment, author=request.user, question=question, row=row, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The plan action is linked to this assessment."))
            return redirect("tools:assessment_detail", pk=pk)
    context = {
        "assessment": assessment,
        "question": question,
        "row": row,
        "row_text": row_text,
        "new_form": new_form,
        "link_form": link_form,
        "has_plans": plans.exists(),
    }
    return render(request, "tools/action_link.html", context)


@login_required
@require_POST
def action_unlink_view(request, pk: int, link_id: int):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    link = get_object_or_404(ActionLink, pk=link_id, assessment=assessment)
    if not permissions.can_link_actions(request.user, assessment):
        raise PermissionDenied
    action_unlink(link=link, author=request.user)
    messages.success(request, _("The link has been removed; the action stays in its plan."))
    return redirect("tools:assessment_detail", pk=pk)
