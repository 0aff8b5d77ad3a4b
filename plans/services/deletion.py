"""Deleting results, outcomes and actions created by mistake.

Only an item with no history of work is deleted: an action with no progress update and no files attached (on it
or its milestones), an outcome with no action linked, a result with no outcome and no indicator linked. Anything
else is refused with a message pointing to cancelling the action instead, so the record of work stays. The history
row simple-history writes on delete keeps the record and who deleted it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from equity.audit import audited_delete
from equity.concurrency import lock_for_edit
from equity.evidence.selectors import has_attachments
from equity.models import User
from plans.models import Action, Outcome, ProgressUpdate, Result


def action_delete_refusal(action: Action) -> str:
    """Why the action cannot be deleted ("" when it can)."""
    if ProgressUpdate.objects.filter(action=action).exists():
        return _("This action has progress updates, so it is kept: cancel it instead of deleting it.")
    if has_attachments(owners=[action, *action.milestones.all()]):
        return _(
            "Files are attached to this action or its milestones, so it is kept: cancel it instead of deleting it."
        )
    return ""


def outcome_delete_refusal(outcome: Outcome) -> str:
    """Why the outcome cannot be deleted ("" when it can)."""
    if Action.outcomes.through.objects.filter(outcome_id=outcome.pk).exists():
        return _("Actions are linked to this outcome: unlink or delete them first, or cancel them.")
    return ""


def result_delete_refusal(result: Result) -> str:
    """Why the result cannot be deleted ("" when it can)."""
    if Outcome.objects.filter(result=result).exists():
        return _("This result has outcomes: delete them first.")
    if result.indicators.exists():
        return _("Indicators measure this result: unlink them first (they stay city-wide).")
    return ""


@transaction.atomic
def action_delete(*, author: User, action: Action, version: int | None = None) -> None:
    """Delete an action with no progress updates (with its milestones, measures and links)."""
    current = lock_for_edit(obj=action, revision=version)
    refusal = action_delete_refusal(current)
    if refusal:
        raise ValidationError(refusal)
    audited_delete(current, author=author, reason=_("Deleted: created by mistake"))


@transaction.atomic
def outcome_delete(*, author: User, outcome: Outcome) -> None:
    """Delete an outcome no action is linked to."""
    current = lock_for_edit(obj=outcome, revision=None)
    refusal = outcome_delete_refusal(current)
    if refusal:
        raise ValidationError(refusal)
    audited_delete(current, author=author, reason=_("Deleted: created by mistake"))


@transaction.atomic
def result_delete(*, author: User, result: Result) -> None:
    """Delete a result with no outcomes and no indicators."""
    current = lock_for_edit(obj=result, revision=None)
    refusal = result_delete_refusal(current)
    if refusal:
        raise ValidationError(refusal)
    audited_delete(current, author=author, reason=_("Deleted: created by mistake"))
