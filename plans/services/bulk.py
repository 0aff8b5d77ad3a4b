"""Bulk edits on a plan's actions list: one change (status, lead department, due date or outcome) to several
actions in one step, all or nothing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from equity.audit import audited_save
from equity.models import Department, User
from equity.permissions import can_manage_department
from plans.models import Action, ActionStatus, Outcome, Plan, ProgressUpdate
from plans.notices.events import action_attention_notify
from plans.permissions import can_edit_action
from plans.services.actions import period_containing
from plans.status import legend


@dataclass(frozen=True)
class BulkChange:
    """What to change on every selected action; None leaves a field as it is."""

    status: str | None = None
    reason: str = ""
    lead_department: Department | None = None
    due_date: date | None = None
    outcome: Outcome | None = None

    @property
    def is_empty(self) -> bool:
        return self.status is None and self.lead_department is None and self.due_date is None and self.outcome is None


@transaction.atomic
def actions_bulk_edit(*, author: User, plan: Plan, versions: Mapping[int, int], change: BulkChange) -> list[Action]:
    """Apply `change` to the actions whose ids are the keys of `versions` (each with the version the page showed).
    Refused as a whole, nothing saved, when any action changed since the page was shown, is not the plan's, or the
    author may not edit it. Each action's change is audited on its own; a status change is also a progress update
    (with `reason`), as any status change is."""
    if not versions:
        raise ValidationError({"actions": _("Select at least one action.")})
    if change.is_empty:
        raise ValidationError(_("Choose what to change."))
    if change.status is not None:
        if change.status not in ActionStatus.values or change.status in (
            ActionStatus.CANCELLED,
            ActionStatus.COMPLETED,
        ):
            raise ValidationError({"status": _("Choose a valid status (cancel or complete actions one at a time).")})
        if not change.reason.strip():
            raise ValidationError({"reason": _("Write the reason for the status change.")})
    if change.outcome is not None and change.outcome.result.plan_id != plan.pk:
        raise ValidationError({"outcome": _("Outcomes must belong to the same plan as the action.")})
    actions = list(Action.objects.select_for_update().filter(pk__in=list(versions), plan=plan).order_by("pk"))
    if len(actions) != len(versions):
        raise ValidationError(_("Some selected actions are no longer in this plan. Nothing was saved."))
    stale = [a for a in actions if a.version != versions[a.pk]]
    if stale:
        names = ", ".join(a.title for a in stale)
        raise ValidationError(
            _("These actions changed since you opened the page: %(names)s. Nothing was saved: reload and try again.")
            % {"names": names},
            code="stale",
        )
    if not all(can_edit_action(author, a) for a in actions):
        raise PermissionDenied
    if change.lead_department is not None and not can_manage_department(author, change.lead_department.pk):
        raise PermissionDenied
    today = timezone.localdate()
    period = period_containing(today) if change.status is not None else None
    statuses = legend() if change.status is not None else None
    raised: list[tuple[Action, ProgressUpdate, str]] = []
    for action in actions:
        if change.status is not None and change.status != action.status:
            update = audited_save(
                ProgressUpdate(
                    action=action,
                    period=period if period is not None and period.is_open else None,
                    as_of=today,
                    status=change.status,
                    previous_status=action.status,
                    percent_complete=action.percent_complete,
                    summary=_("Status changed for several actions at once."),
                    status_reason=change.reason,
                    author=author,
                ),
                author=author,
            )
            raised.append((action, update, action.status))  # type: ignore[arg-type]
            action.status = change.status
            action.status_as_of = today
            action.status_source = ""
            action.completed_on = None
        if change.lead_department is not None:
            action.lead_department = change.lead_department
        if change.due_date is not None:
            if action.start_date and change.due_date < action.start_date:
                raise ValidationError(
                    {"due_date": _("The due date cannot be before the start date of “%(t)s”.") % {"t": action.title}}
                )
            action.due_date = change.due_date
        action.version += 1
        audited_save(action, author=author, reason=(change.reason or _("Bulk edit"))[:100])
        if change.outcome is not None:
            action.outcomes.set([change.outcome])
    # The lead department's managers hear of each action now needing attention (one notify per action, after all
    # are saved so a refused change raises nothing).
    for action, update, previous in raised:
        action_attention_notify(
            action=action, update=update, previous_status=previous, author=author, statuses=statuses
        )
    return actions
