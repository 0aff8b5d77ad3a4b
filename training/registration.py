"""Self-registration writes: register (a place, or the waiting list), cancel, and promotion from the waiting list.

The session's row is the queue's lock: every write here first locks it (`lock_for_edit`), so two people asking
for the last place are served one after the other and the second one lands on the waiting list. The unique
constraint (one registration per person and session) backs the duplicate check. See ADR 0040.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from equity.audit import audited_save
from equity.concurrency import lock_for_edit
from equity.models import User
from training.models import Registration, Session
from training.permissions import can_cancel_registration, can_register
from training.selectors import visible_sessions_for_user

Status = Registration.Status


def session_starts_at(session: Session) -> datetime:
    """The session's start as an aware datetime (its date and time are the city's local time)."""
    return timezone.make_aware(datetime.combine(session.date, session.start_time))


def session_ends_at(session: Session) -> datetime:
    return timezone.make_aware(datetime.combine(session.date, session.end_time))


def registration_closed_reason(*, session: Session, now: datetime | None = None) -> str:
    """Why nobody can register for the session now, or "" when they can."""
    now = now or timezone.now()
    if session_starts_at(session) <= now:
        return _("This session has already started or taken place: registration is closed.")
    if not session.registration_open:
        return _("This session is not open for registration.")
    if session.registration_closes_at is not None and session.registration_closes_at <= now:
        when = date_format(timezone.localtime(session.registration_closes_at), "DATETIME_FORMAT")
        return _("Registration for this session closed on %(when)s.") % {"when": when}
    return ""


def registrations_promote(*, author: User | None, session: Session) -> list[Registration]:
    """Give the free places to the waiting list, first come first served; the caller holds the session's lock.
    Returns the promoted registrations (each audited with the reason)."""
    queue = Registration.objects.filter(session=session, status=Status.WAITING).order_by("requested_at", "pk")
    if session.capacity is not None:
        taken = Registration.objects.filter(session=session, status=Status.REGISTERED).count()
        free = session.capacity - taken
        if free <= 0:
            return []
        queue = queue[:free]
    promoted = list(queue.select_for_update())
    for registration in promoted:
        registration.status = Status.REGISTERED
        audited_save(registration, author=author, reason=_("Promoted from the waiting list"))
    return promoted


@transaction.atomic
def registration_register(*, author: User, session: Session) -> Registration:
    """Register `author` for `session` (a session they can see): a place while there is one, else the waiting
    list. Refused for past or closed sessions and for people already registered or waiting."""
    if not can_register(author) or not visible_sessions_for_user(user=author).filter(pk=session.pk).exists():
        raise PermissionDenied  # e.g. another department's own session
    locked = lock_for_edit(obj=session, revision=None)
    problem = registration_closed_reason(session=locked)
    if problem:
        raise ValidationError(problem, code="closed")
    existing = Registration.objects.select_for_update().filter(session=locked, user=author).first()
    if existing is not None and existing.is_active:
        if existing.status == Status.WAITING:
            raise ValidationError(_("You are already on the waiting list for this session."), code="duplicate")
        raise ValidationError(_("You are already registered for this session."), code="duplicate")
    registrations_promote(author=author, session=locked)  # nobody jumps a queue that a free place should clear
    taken = Registration.objects.filter(session=locked, status=Status.REGISTERED).count()
    full = locked.capacity is not None and taken >= locked.capacity
    registration = existing or Registration(session=locked, user=author)
    registration.status = Status.WAITING if full else Status.REGISTERED
    registration.requested_at = timezone.now()
    audited_save(registration, author=author, reason=_("Joined the waiting list") if full else _("Registered"))
    return registration


@transaction.atomic
def registration_cancel(*, author: User, registration: Registration) -> list[Registration]:
    """Cancel a registration (or a place on the waiting list); a freed place goes to the next person waiting in
    the same transaction. Returns the promoted registrations."""
    if not can_cancel_registration(author, registration.user_id):
        raise PermissionDenied
    session = lock_for_edit(obj=registration.session, revision=None)
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if current.status == Status.CANCELLED:
        raise ValidationError(_("This registration was already cancelled."), code="cancelled")
    if session_starts_at(session) <= timezone.now():
        raise ValidationError(_("This session has already started: the registration can no longer be cancelled."))
    current.status = Status.CANCELLED
    audited_save(current, author=author, reason=_("Cancelled"))
    registration.status = current.status
    return registrations_promote(author=author, session=session)
