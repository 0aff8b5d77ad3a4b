"""Reads of registrations: a person's own (with waiting-list positions), a session's (for its facilitators), and
certificates by verification code."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from equity.models import User
from training.models import Attendance, Registration, Session

Status = Registration.Status


def _queue_position() -> Coalesce:
    """1 + the number of people waiting for the same session who asked earlier (ties broken by id)."""
    ahead = Registration.objects.filter(session=OuterRef("session"), status=Status.WAITING).filter(
        Q(requested_at__lt=OuterRef("requested_at")) | Q(requested_at=OuterRef("requested_at"), pk__lt=OuterRef("pk"))
    )
    count = ahead.order_by().values("session").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(count, output_field=IntegerField()), 0)


def my_registration_list(*, user: User) -> QuerySet[Registration]:
    """The user's registrations and waiting-list places for sessions from today on, soonest first; each waiting
    one carries `ahead` (people before them in the queue; their position is ahead + 1)."""
    return (
        Registration.objects.filter(user=user, status__in=[Status.REGISTERED, Status.WAITING])
        .filter(session__date__gte=timezone.localdate())
        .select_related("session__module")
        .annotate(ahead=_queue_position())
        .order_by("session__date", "session__start_time", "pk")
    )


def my_registration(*, user: User, session: Session, rows: list[RegistrationRow] | None = None) -> Registration | None:
    """The user's active registration for the session, with `ahead` when waiting; None when they have none.
    `rows`: the session's `session_registration_rows`, when the caller has read them: the registration and its
    place in the queue are then taken from them, without a query."""
    if rows is not None:
        return _mine_among(rows, user=user)
    return (
        Registration.objects.filter(user=user, session=session, status__in=[Status.REGISTERED, Status.WAITING])
        .annotate(ahead=_queue_position())
        .order_by()  # one active registration per person and session: no ordering (nor the session it would join)
        .first()
    )


@dataclass(frozen=True)
class RegistrationRow:
    registration: Registration
    position: int | None  # on the waiting list: 1 is next; None for a place
    on_roster: bool


def session_registration_rows(*, session: Session) -> list[RegistrationRow]:
    """Everyone registered (first) and waiting (in queue order) for the session, and whether each is already on
    the roster: one query whatever the number of people."""
    on_roster = Attendance.objects.filter(session=session, user=OuterRef("user_id"))
    rows = (
        Registration.objects.filter(session=session, status__in=[Status.REGISTERED, Status.WAITING])
        .select_related("user")
        .annotate(on_roster=Exists(on_roster))
        .order_by("status", "requested_at", "pk")  # "registered" sorts before "waiting"
    )
    result = []
    position = 0
    for registration in rows:
        waiting = registration.status == Status.WAITING
        position += 1 if waiting else 0
        result.append(
            RegistrationRow(
                registration=registration, position=position if waiting else None, on_roster=registration.on_roster
            )
        )
    return result


def _mine_among(rows: list[RegistrationRow], *, user: User) -> Registration | None:
    """`my_registration` from the session's rows: the user's, with `ahead` as `_queue_position` counts it (the
    people waiting who asked earlier, ties broken by id)."""
    mine = next((row.registration for row in rows if row.registration.user_id == user.pk), None)
    if mine is not None:
        place = (mine.requested_at, mine.pk)
        waiting = (row.registration for row in rows if row.position is not None)
        mine.ahead = sum(1 for other in waiting if (other.requested_at, other.pk) < place)  # type: ignore[attr-defined]
    return mine


def certificate_by_code(*, code: str) -> Attendance | None:
    """The completed attendance (a certificate) with this verification code, or None. Codes are compared in
    upper case with spaces and dashes removed, as people type them from paper."""
    cleaned = code.replace("-", "").replace(" ", "").upper()
    if not cleaned.isalnum() or len(cleaned) > 20:
        return None
    return (
        Attendance.objects.filter(verification_code=cleaned, completed=True)
        .select_related("user", "session__module")
        .first()
    )
