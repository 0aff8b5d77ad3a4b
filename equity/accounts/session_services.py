"""Writes about sessions: "last seen" kept at most every few minutes, a person ending their other sessions, the
equity team signing a person out everywhere. Every ended session is a security event (docs/accounts/sessions.md)."""

from __future__ import annotations

import time

from allauth.usersessions.models import UserSession
from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from equity import permissions
from equity.accounts.devices import device_label
from equity.accounts.events import security_event_record
from equity.addresses import client_address
from equity.models import SecurityEvent, User
from equity.services import user_end_sessions, user_session_hash_renew

# "Last seen" is written when the one kept in the session is older than this: an ordinary page costs no query.
LAST_SEEN_EVERY = 5 * 60  # seconds
_SEEN_AT = "equity_seen_at"
SESSION_STARTED_AT = "equity_login_at"  # the absolute lifetime runs from here (equity.middleware)
SESSION_RENEWED_AT = "equity_renewed_at"  # the idle timeout's last renewal (equity.middleware.SessionMiddleware)


def session_seen_start(*, request: HttpRequest) -> None:
    """Start the session's clocks at sign-in: "last seen" (allauth's own sign-in receiver has just written the row),
    the absolute lifetime and the idle timeout's renewal, so the pages after it do not write the session again."""
    now = int(time.time())
    request.session[_SEEN_AT] = now
    request.session.setdefault(SESSION_STARTED_AT, now)
    request.session[SESSION_RENEWED_AT] = now


def session_seen_record(*, request: HttpRequest) -> None:
    """Write "last seen" (and the address) to this session's row when the one written last is over
    LAST_SEEN_EVERY old; a session without a row (its key changed with a password change) gets one."""
    now = int(time.time())
    if now - request.session.get(_SEEN_AT, 0) < LAST_SEEN_EVERY:
        return
    request.session[_SEEN_AT] = now
    address = client_address(request)
    rows = UserSession.objects.filter(session_key=request.session.session_key, user_id=request.user.pk)
    if not rows.update(last_seen_at=timezone.now(), ip=address or F("ip")) and address:
        UserSession.objects.create_from_request(request)


def _described(session: UserSession) -> str:
    return f"{device_label(user_agent=session.user_agent)}, {session.ip}"


@transaction.atomic
def session_end(*, session: UserSession, user: User, request: HttpRequest) -> None:
    """End one of `user`'s other sessions (another browser or device), from this one: it is signed out at once."""
    if session.user_id != user.pk or session.session_key == request.session.session_key:
        raise PermissionDenied
    session.end()
    security_event_record(
        kind=SecurityEvent.Kind.SESSION_ENDED,
        request=request,
        user=user,
        actor=user,
        detail=_described(session),
    )


@transaction.atomic
def sessions_end_others(*, user: User, request: HttpRequest) -> int:
    """Sign the person out everywhere but here: every other session ends, even one the list does not show (the
    session hash changes, as at a deactivation; this session takes the new hash). Returns how many were listed."""
    current_key = request.session.session_key
    others = list(UserSession.objects.filter(user_id=user.pk).exclude(session_key=current_key))
    user_session_hash_renew(user=user)
    update_session_auth_hash(request, user)  # gives this session a new key: its row follows
    UserSession.objects.filter(session_key=current_key).update(session_key=request.session.session_key)
    for session in others:
        session.end()
    security_event_record(
        kind=SecurityEvent.Kind.SESSIONS_ENDED,
        request=request,
        user=user,
        actor=user,
        detail=_("Everywhere else (%(count)d sessions)") % {"count": len(others)},
    )
    return len(others)


@transaction.atomic
def user_sign_out_everywhere(*, user: User, author: User) -> None:
    """The equity team ends every session of `user` at once (a lost laptop, a suspected break-in)."""
    if not permissions.can_manage_users(author):
        raise PermissionDenied
    user_end_sessions(user=user, author=author, detail=_("Signed out everywhere by the equity team"))
