"""The training app's daily notices (beat, 06:00): tomorrow's sessions, and required modules due soon or overdue.

Selection costs a fixed number of queries whatever the number of people, sessions and requirements: one for the
registrations of tomorrow's sessions; four for the required modules (requirements in effect, people and their
departments, completions); one for the notifications already raised for the candidates. Then one `notify()` (about
eight queries) per event that still has someone to tell: a session tomorrow (two calls when it has both registered
and waiting people, who get their own wording), or a module due on one date (people whose clocks started the same
day share a due date, so an event covers many people). Events everyone has heard of are skipped without a call, so
running the scan again the same day costs the selection only. See docs/training.md, "Notifications".
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from equity.models import User
from equity.notifications.scans import ScanEvent, scan_events_notify
from training.models import CompletionRollup, Module, Registration, Session
from training.requirements import dues_for, people_for_rule, requirements_in_effect

SESSION_TOMORROW = "training.session_tomorrow"
SESSION_CHANGED = "training.session_changed"
SESSION_CANCELLED = "training.session_cancelled"
MODULE_DUE = "training.module_due"
MODULE_OVERDUE = "training.module_overdue"


def session_when(session: Session) -> str:
    """'Tuesday 9 March 2027, 09:00–11:00', in the active language."""
    return _("%(day)s, %(start)s–%(end)s") % {
        "day": date_format(session.date, "l j F Y"),
        "start": time_format(session.start_time, "H:i"),
        "end": time_format(session.end_time, "H:i"),
    }


def session_where(session: Session) -> str:
    """The session's format, and its place or meeting link when it has one."""
    where = str(session.get_format_display())
    return f"{where}: {session.location}" if session.location else where


def _session_tomorrow_events(*, today: date) -> list[ScanEvent]:
    """One event per session tomorrow and wording (registered, waiting), from one query."""
    tomorrow = today + timedelta(days=1)
    registrations = (
        Registration.objects.filter(
            session__date=tomorrow,
            status__in=[Registration.Status.REGISTERED, Registration.Status.WAITING],
            user__is_active=True,
        )
        .select_related("session__module")
        .order_by("session_id", "pk")
    )
    events: dict[tuple[int, str], ScanEvent] = {}
    for registration in registrations:
        session = registration.session
        waiting = registration.status == Registration.Status.WAITING
        event = events.get((session.pk, registration.status))
        if event is None:
            module = session.module.title
            details = f"{session_when(session)}. {session_where(session)}."
            title = (
                _("You are on the waiting list for tomorrow's session: %(module)s")
                if waiting
                else _("Your training session is tomorrow: %(module)s")
            )
            body = (
                _("%(details)s You have no place yet: if one frees up you will be registered.")
                if waiting
                else _("%(details)s If you cannot come, cancel your registration to free your place.")
            )
            event = events[(session.pk, registration.status)] = ScanEvent(
                kind=SESSION_TOMORROW,
                # One key for both wordings: each person hears once about a session's day, whatever their status.
                event_key=f"session:{session.pk}:tomorrow:{session.date.isoformat()}",
                target=session,
                title=title % {"module": module},
                body=body % {"details": details},
                url=reverse("training:session_detail", args=[session.pk]),
            )
        event.recipients.add(registration.user_id)
    return list(events.values())


def _module_events(*, today: date) -> list[ScanEvent]:
    """One event per required module, kind (due soon, overdue) and due date, with the people it concerns: people,
    requirements and completions are read in four queries and the due-date rule applied in memory."""
    requirements = requirements_in_effect(on=today)
    if not requirements:
        return []
    modules = {r.module_id for r in requirements}
    completed: dict[int, dict[int, date]] = defaultdict(dict)
    rows = CompletionRollup.objects.filter(module_id__in=modules).values_list(
        "user_id", "module_id", "first_completed_on"
    )
    for user_id, module_id, first in rows:
        completed[user_id][module_id] = first
    soon_until = today + timedelta(days=settings.TRAINING_NOTIFY_DUE_SOON_DAYS)
    events: dict[tuple[str, int, date], ScanEvent] = {}
    for person in people_for_rule(users=User.objects.filter(is_active=True)):
        for due in dues_for(person=person, requirements=requirements, completed=completed[person.pk], today=today):
            if due.completed_on is not None or due.due_on > soon_until:
                continue
            kind = MODULE_OVERDUE if due.due_on < today else MODULE_DUE
            event = events.get((kind, due.module.pk, due.due_on))
            if event is None:
                event = events[(kind, due.module.pk, due.due_on)] = _module_event(
                    kind=kind, module=due.module, due_on=due.due_on
                )
            event.recipients.add(person.pk)
    return list(events.values())


def _module_event(*, kind: str, module: Module, due_on: date) -> ScanEvent:
    values = {"module": module.title, "date": date_format(due_on, "j F Y")}
    if kind == MODULE_OVERDUE:
        title = _("Required training overdue: %(module)s") % values
        body = _("%(module)s was due on %(date)s and is not completed yet.") % values
    else:
        title = _("Required training due on %(date)s: %(module)s") % values
        body = _("Complete %(module)s by %(date)s.") % values
    return ScanEvent(
        kind=kind,
        # Keyed by the due date: each person hears once per date, and again only if their due date changes.
        event_key=f"module:{module.pk}:{'overdue' if kind == MODULE_OVERDUE else 'due'}:{due_on.isoformat()}",
        target=module,
        title=title,
        body=body + " " + _("The module's page lists its upcoming sessions."),
        url=reverse("training:module_detail", args=[module.pk]),
    )


def training_notices_send(*, today: date) -> dict[str, int]:
    """Raise the day's notices (idempotent: each person hears once per session day and per module due date);
    returns the number of notifications added per kind."""
    added = scan_events_notify(_session_tomorrow_events(today=today) + _module_events(today=today))
    return {code: added.get(code, 0) for code in (SESSION_TOMORROW, MODULE_DUE, MODULE_OVERDUE)}
