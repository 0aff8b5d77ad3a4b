"""Writes to reporting periods."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from equity.audit import audited_save
from equity.concurrency import lock_for_edit
from equity.models import User
from plans.models import ReportingPeriod
from plans.notices.events import period_opened_notify


def _check(name: str, start_date: date, end_date: date, due_date: date, pk: int | None) -> None:
    errors = {}
    if end_date < start_date:
        errors["end_date"] = _("The period must end on or after its start.")
    if due_date < start_date:
        errors["due_date"] = _("Updates cannot be due before the period starts.")
    same_name = ReportingPeriod.objects.filter(name__iexact=name)
    if (same_name.exclude(pk=pk) if pk is not None else same_name).exists():
        errors["name"] = _("There is already a reporting period with this name.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def period_open(*, author: User, name: str, start_date: date, end_date: date, due_date: date) -> ReportingPeriod:
    """Open a reporting period; accountable people then owe an update on each open action by its due date, and each
    is told what they owe (plans.notices)."""
    _check(name, start_date, end_date, due_date, None)
    period = ReportingPeriod(
        name=name, start_date=start_date, end_date=end_date, due_date=due_date, is_open=True, opened_by=author
    )
    audited_save(period, author=author)
    period_opened_notify(period=period, author=author)
    return period


@transaction.atomic
def period_set_open(*, author: User, period: ReportingPeriod, is_open: bool) -> ReportingPeriod:
    """Close a period (no more updates for it, no more reminders) or reopen it."""
    period = lock_for_edit(obj=period, revision=None)  # two people closing at once: one after the other, no lost bump
    period.is_open = is_open
    period.version += 1
    audited_save(period, author=author, update_fields=["is_open", "version", "updated_at"])
    return period
