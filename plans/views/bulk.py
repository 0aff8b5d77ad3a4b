"""Bulk edits on a plan's actions list: change status, lead department, due date or outcome of the selected actions
in one step (plans.services.bulk); a refusal shows the actions page again with the reason, nothing saved."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from equity.views.shortcuts import add_service_errors, require
from plans.forms.actions import BulkEditForm
from plans.permissions import can_add_action
from plans.selectors import plan_list_for_user
from plans.services.bulk import BulkChange, actions_bulk_edit
from plans.views.plans import actions_page_context


@login_required
@require_POST
def actions_bulk_edit_view(request, pk: int):
    plan = get_object_or_404(plan_list_for_user(user=request.user), pk=pk)
    require(can_add_action(request.user, plan))
    form = BulkEditForm(request.POST, user=request.user, plan=plan)
    if form.is_valid():
        data = form.cleaned_data
        change = BulkChange(
            status=data["status"] or None,
            reason=data["reason"],
            lead_department=data["lead_department"],
            due_date=data["due_date"],
            outcome=data["outcome"],
        )
        try:
            changed = actions_bulk_edit(author=request.user, plan=plan, versions=form.selected, change=change)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            n = len(changed)
            messages.success(
                request, ngettext("%(n)s action was changed.", "%(n)s actions were changed.", n) % {"n": n}
            )
            return redirect("plans:plan_actions", pk=plan.pk)
    status = 409 if form.has_error("__all__", "stale") else 400
    messages.error(request, _("Nothing was changed."))
    return render(
        request, "plans/plan_actions.html", actions_page_context(request, plan, bulk_form=form), status=status
    )
