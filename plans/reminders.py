"""Reporting-period reminders: to accountable people before updates are due, to managers after.

Each reminder is recorded in `Reminder` under a unique constraint before its email goes out, in the same
transaction, so running the job twice (or two workers at once) never sends anyone the same reminder twice.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from equity.models import User
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


def reminders_send(*, today: date) -> int:
    """Send the reminders due today for every open period; returns the number of emails sent."""
    sent = 0
    users: dict[int, User] = {}
    for period in ReportingPeriod.objects.filter(is_open=True):
        wanted = _recipients(period=period, today=today)
        if wanted:
            ids = {recipient_id for recipient_id, _kind in wanted}
            users.update(User.objects.in_bulk(ids - users.keys()))
        for (recipient_id, kind), actions in wanted.items():
            recipient = users.get(recipient_id)
            if recipient is None or not recipient.email:
                continue
            with transaction.atomic():
                fresh = [a for a in actions if _claim(period=period, action=a, recipient_id=recipient_id, kind=kind)]
                if not fresh:
                    continue
                context = {"recipient": recipient, "period": period, "actions": fresh, "kind": kind}
                subject = (
                    _("Progress updates due %(date)s for %(period)s")
                    if kind == Reminder.Kind.BEFORE_DUE
                    else _("Overdue progress updates for %(period)s (due %(date)s)")
                ) % {"date": period.due_date.isoformat(), "period": period.name}
                send_mail(
                    subject,
                    render_to_string("plans/email/reminder.txt", context),
                    settings.DEFAULT_FROM_EMAIL,
                    [recipient.email],
                )
                sent += 1
    return sent
