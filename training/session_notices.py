"""Telling the people registered for a session (or waiting for a place) that it changed or was cancelled. Called by
training.services inside the write's transaction; the person who made the change is never told."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from equity.models import User
from equity.notifications.kinds import notification_kind
from equity.notifications.services import in_source_language, notify
from equity.notifications.visibility import people_primed, visible_pairs
from training.models import Registration, Session
from training.notices import SESSION_CANCELLED, SESSION_CHANGED, session_when, session_where
from training.registration import session_starts_at


def _registered_ids(session: Session) -> list[int]:
    """People with a place or on the waiting list (one query)."""
    active = [Registration.Status.REGISTERED, Registration.Status.WAITING]
    return list(Registration.objects.filter(session=session, status__in=active).values_list("user_id", flat=True))


def session_changes(*, before: Session, after: Session) -> list[str]:
    """What changed that matters to the people coming, as 'What: old → new' lines (date, time, format, place)."""
    changes = []

    def line(label: str, old: str, new: str) -> None:
        if old != new:
            changes.append(f"{label}: {old or _('none')} → {new or _('none')}")

    line(_("Date"), date_format(before.date, "l j F Y"), date_format(after.date, "l j F Y"))
    line(
        _("Time"),
        f"{time_format(before.start_time, 'H:i')}–{time_format(before.end_time, 'H:i')}",
        f"{time_format(after.start_time, 'H:i')}–{time_format(after.end_time, 'H:i')}",
    )
    line(_("Format"), str(before.get_format_display()), str(after.get_format_display()))
    line(_("Place or meeting link"), before.location, after.location)
    return changes


@in_source_language
def session_changed_notify(*, session: Session, before: Session, author: User) -> int:
    """Tell the people registered or waiting that an upcoming session's date, time, format or place changed (the
    saved `session` against its row as it was, `before`); once per saved revision."""
    changes = session_changes(before=before, after=session)
    if not changes or max(session_starts_at(before), session_starts_at(session)) <= timezone.now():
        return 0  # nothing they need to know, or a correction of a past session's record
    return notify(
        kind=SESSION_CHANGED,
        recipients=_registered_ids(session),
        target=session,
        event_key=f"session:{session.pk}:changed:{session.revision}",
        title=_("Training session changed: %(module)s, %(when)s")
        % {"module": session.module.title, "when": date_format(session.date, "j F Y")},
        body="\n".join(changes),
        url=reverse("training:session_detail", args=[session.pk]),
        actor=author,
    )


@in_source_language
def session_cancelled_notify(*, session: Session, author: User) -> int:
    """Before an upcoming session is deleted, tell the people registered or waiting. The session will be gone, so
    the notification is about its module (whose page lists the other sessions); who may see the session is checked
    here, while it still exists, with the session kinds' selector (three queries)."""
    if session_starts_at(session) <= timezone.now():
        return 0  # deleting a past session corrects the records: nobody is waiting for it
    people = people_primed(_registered_ids(session))
    seeing = visible_pairs(
        kind=notification_kind(SESSION_CHANGED), people=list(people.values()), target_ids=[session.pk]
    )
    module = session.module
    return notify(
        kind=SESSION_CANCELLED,
        recipients=[person for person, _pk in seeing],
        target=module,
        event_key=f"session:{session.pk}:cancelled",
        title=_("Training session cancelled: %(module)s, %(when)s")
        % {"module": module.title, "when": date_format(session.date, "j F Y")},
        body=_("The session on %(when)s (%(where)s) will not take place. The module's page lists its other sessions.")
        % {"when": session_when(session), "where": session_where(session)},
        url=reverse("training:module_detail", args=[module.pk]),
        actor=author,
    )
