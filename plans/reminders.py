"""Reporting-period reminders: to accountable people before updates are due, to managers after.

Each reminder is recorded in `Reminder` under a unique constraint before its notification is raised, in the same
transaction, so running the job twice (or two workers at once) never reminds anyone about the same action twice. The
notification (kinds "plans.update_due" and "plans.update_overdue") reaches the person by e-mail at once unless they
chose a digest or the inbox only, like every other notification.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from equity.models import User
from equity.notifications.services import in_source_language, notify
from plans import notices
from plans.models import Action, ActionStatus, Plan, ProgressUpdate, Reminder, ReportingPeriod

DAYS_BEFORE_DUE = 7


def actions_owing_update(*, period: ReportingPeriod) -> QuerySet[Action]:
    """Open actions (neither completed nor cancelled) of adopted or active plans with no update for `period` yet."""
    has_update = Exists(ProgressUpdate.objects.filter(action=OuterRef("pk"), period=period))
    return (
        Action.objects.filter(plan__status__in=[Plan.Status.ADOPTED, Plan.Status.ACTIVE])
        .exclude(status__in=[ActionStatus.COMPLETED, ActionStatus.CANCELLED])
        .filter(~has_update)
        .select_related("plan", "lead_department", "accountable")
    )


def _recipients(*, period: ReportingPeriod, today: date) -> dict[tuple[int, str], list[Action]]:
    """(recipient id, kind) → actions they should hear about today."""
    wanted: dict[tuple[int, str], list[Action]] = defaultdict(list)
    if today > period.due_date:
        managers = User.objects.filter(is_manager=True, is_active=True).prefetch_related("departments")
        by_department: dict[int, list[int]] = defaultdict(list)
        for manager in managers:
            for department in manager.departments.all():
                by_department[department.pk].append(manager.pk)
        for action in actions_owing_update(period=period):
            for manager_id in by_department.get(action.lead_department_id, []):
                wanted[(manager_id, Reminder.Kind.OVERDUE)].append(action)
    elif today >= period.due_date - timedelta(days=DAYS_BEFORE_DUE):
        for action in actions_owing_update(period=period).filter(accountable__is_active=True):
            if action.accountable_id is not None:  # always, given the filter
                wanted[(action.accountable_id, Reminder.Kind.BEFORE_DUE)].append(action)
    return wanted


def _claim(*, period: ReportingPeriod, action: Action, recipient_id: int, kind: str) -> bool:
    """Record the reminder; False when it was already sent."""
    try:
        with transaction.atomic():
            Reminder.objects.create(period=period, action=action, recipient_id=recipient_id, kind=kind)
    except IntegrityError:
        return False
    return True


@in_source_language
def _reminder_notify(*, period: ReportingPeriod, recipient_id: int, kind: str, actions: list[Action]) -> None:
    """One notification listing the actions newly owing (its key names them, so a later action gets its own)."""
    before_due = kind == Reminder.Kind.BEFORE_DUE
    values = {"date": formats.date_format(period.due_date, "DATE_FORMAT"), "period": period.name}
    title = (
        _("Progress updates due %(date)s for %(period)s")
        if before_due
        else _("Overdue progress updates for %(period)s (due %(date)s)")
    ) % values
    intro = (
        _("These actions you are accountable for have no update yet:")
        if before_due
        else _("These actions led by your department have no update yet:")
    )
    lines = [
        f"- {action.title} ({action.plan.title}; "
        + _("accountable: %(name)s") % {"name": action.accountable or _("nobody assigned")}
        + ")"
        for action in actions
    ]
    ids = ",".join(str(action.pk) for action in sorted(actions, key=lambda a: a.pk))
    notify(
        kind=notices.UPDATE_DUE if before_due else notices.UPDATE_OVERDUE,
        recipients=[recipient_id],
        target=period,
        event_key=f"period:{period.pk}:{kind}:{hashlib.sha256(ids.encode()).hexdigest()[:32]}",
        title=title,
        body="\n".join([intro, *lines]),
        url=reverse("plans:my_actions"),
    )


def reminders_send(*, today: date) -> int:
    """Raise the reminders due today for every open period; returns the number of people reminded."""
    sent = 0
    for period in ReportingPeriod.objects.filter(is_open=True):
        for (recipient_id, kind), actions in _recipients(period=period, today=today).items():
            with transaction.atomic():
                fresh = [a for a in actions if _claim(period=period, action=a, recipient_id=recipient_id, kind=kind)]
                if not fresh:
                    continue
                _reminder_notify(period=period, recipient_id=recipient_id, kind=kind, actions=fresh)
                sent += 1
    return sent
