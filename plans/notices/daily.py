"""The daily scan of actions' dates (task "plans.notices_daily", 06:00 in the city's time zone): started late, due
soon, overdue.

Each event's key holds the date that makes it one event (the start date, the due date), so a person hears once per
event, not every day, and a changed due date is a new event. Only actions of adopted or active plans are scanned (a
draft is not yet a commitment, an archived plan is over).

Cost: a fixed number of queries to choose the events (the legend, three action queries with their plan, the lead
departments' managers, and the notifications already made: equity.notifications.scans), then one `notify`
(about 8 queries) per event someone has not yet heard of. A day with nothing new runs the fixed queries only."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from equity.notifications.scans import ScanEvent, scan_events_notify
from plans.models import Action, ActionStatus, Plan
from plans.models.actions import CLOSED_STATUSES, NO_END_STATUSES
from plans.notices import ACTION_DUE_SOON, ACTION_NOT_STARTED, ACTION_OVERDUE, DEPARTMENT_ACTION_OVERDUE
from plans.notices.events import action_url, managers_by_department
from plans.status import legend


def _event(kind: str, action: Action, event_key: str, title: str, body: str, recipients: list[int]) -> ScanEvent:
    return ScanEvent(kind, event_key, action, title, action_url(action), body, set(recipients))


def _live_actions() -> QuerySet[Action]:
    return Action.objects.filter(plan__status__in=[Plan.Status.ADOPTED, Plan.Status.ACTIVE]).select_related(
        "lead_department", "accountable"
    )


def _day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


def _events(*, today: date) -> list[ScanEvent]:
    """Every event the actions' dates make today (three action queries, one for managers, one for the legend)."""
    labels = legend()
    soon = today + timedelta(days=settings.PLANS_NOTIFY_DUE_SOON_DAYS)
    ending = _live_actions().exclude(status__in=[*CLOSED_STATUSES, *NO_END_STATUSES])
    events: list[ScanEvent] = []
    not_started = _live_actions().filter(
        status=ActionStatus.NOT_STARTED, start_date__lt=today, accountable__is_active=True
    )
    for action in not_started:
        assert action.start_date is not None and action.accountable_id is not None  # the filter's
        events.append(
            _event(
                ACTION_NOT_STARTED,
                action,
                f"action:{action.pk}:not_started:{action.start_date.isoformat()}",
                _("Still “%(status)s” after its start date: %(title)s")
                % {"status": labels.label(ActionStatus.NOT_STARTED), "title": action.title},
                _("The start date was %(date)s.") % {"date": _day(action.start_date)},
                [action.accountable_id],
            )
        )
    for action in ending.filter(due_date__gte=today, due_date__lte=soon, accountable__is_active=True):
        assert action.due_date is not None and action.accountable_id is not None
        events.append(
            _event(
                ACTION_DUE_SOON,
                action,
                f"action:{action.pk}:due_soon:{action.due_date.isoformat()}",
                _("Due %(date)s: %(title)s") % {"date": _day(action.due_date), "title": action.title},
                _("Status: %(status)s.") % {"status": labels.label(action.status)},
                [action.accountable_id],
            )
        )
    overdue = list(ending.filter(due_date__lt=today))
    managers = managers_by_department({a.lead_department_id for a in overdue}) if overdue else {}
    for action in overdue:
        assert action.due_date is not None
        due = {"date": _day(action.due_date), "title": action.title}
        if action.accountable_id is not None and action.accountable.is_active:  # type: ignore[union-attr]
            events.append(
                _event(
                    ACTION_OVERDUE,
                    action,
                    f"action:{action.pk}:overdue:{action.due_date.isoformat()}",
                    _("Overdue since %(date)s: %(title)s") % due,
                    _("Status: %(status)s.") % {"status": labels.label(action.status)},
                    [action.accountable_id],
                )
            )
        accountable = action.accountable.display_name if action.accountable else _("nobody")
        events.append(
            _event(
                DEPARTMENT_ACTION_OVERDUE,
                action,
                f"action:{action.pk}:overdue:{action.due_date.isoformat()}",
                _("Overdue in %(department)s: %(title)s") % {**due, "department": action.lead_department.name},
                _("Due %(date)s; accountable: %(person)s; status: %(status)s.")
                % {**due, "person": accountable, "status": labels.label(action.status)},
                managers.get(action.lead_department_id, []),
            )
        )
    return events


def action_notices_send(*, today: date) -> int:
    """Raise today's date events (not started, due soon, overdue); returns the number of notifications added.
    Running it twice, or on two workers, adds nothing the second time (notify's unique key per person and event)."""
    return sum(scan_events_notify(_events(today=today)).values())
