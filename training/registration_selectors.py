"""Reads of registrations: a person's own (with waiting-list positions), a session's (for its facilitators), and
certificates by verification code."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
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


def my_registration(*, user: User, session: Session) -> Registration | None:
    """The user's active registration for the session, with `ahead` when waiting; None when they have none."""
    return (
        Registration.objects.filter(user=user, session=session, status__in=[Status.REGISTERED, Status.WAITING])
        .annotate(ahead=_queue_position())
        .first()
    )


@dataclass(frozen=True)
class RegistrationRow:
    registration: Registration
    position: int | None  # on the waiting list: 1 is next; None for a place
    on_roster: bool


def session_registration_rows(*, session: Session) -> list[RegistrationRow]:
    """Everyone registered (first) and waiting (in queue order) for the session, and whether each is already on
    the roster: two queries whatever the number of people."""
    rows = list(
        Registration.objects.filter(session=session, status__in=[Status.REGISTERED, Status.WAITING])
        .select_related("user")
        .order_by("status", "requested_at", "pk")  # "registered" sorts before "waiting"
    )
    on_roster = set(session.attendances.filter(user__isnull=False).values_list("user_id", flat=True))
    result = []
    position = 0
    for registration in rows:
        waiting = registration.status == Status.WAITING
        position += 1 if waiting else 0
        result.append(
            RegistrationRow(
                registration=registration,
                position=position if waiting else None,
                on_roster=registration.user_id in on_roster,
            )
        )
    return result


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
