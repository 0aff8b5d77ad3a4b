"""The sign-in history: every sign-in, failed sign-in and sign-out becomes a security event, with how the person
signed in (password or the city's identity provider, and the second factor). Called by equity.accounts.receivers."""

from __future__ import annotations

from allauth.account.authentication import get_authentication_records
from allauth.usersessions.models import UserSession
from django.http import HttpRequest

from equity.accounts.events import security_event_record
from equity.accounts.session_services import session_seen_start
from equity.models import SecurityEvent, User

# allauth's name for a step (its authentication records in the session) -> the portal's
_FIRST_STEPS = {"password": "password", "socialaccount": "sso"}


def sign_in_method(*, request: HttpRequest, user: User) -> str:
    """ "password", "sso", or either with the second factor ("password+totp"); "" when allauth recorded no step
    (a sign-in made in code, such as the test client's force_login)."""
    records = get_authentication_records(request, user)
    steps = [record.get("method", "") for record in records]
    first = next((_FIRST_STEPS.get(step, step) for step in steps if step != "mfa"), "")
    factor = next((record.get("type", "") for record in records if record.get("method") == "mfa"), "")
    return f"{first}+{factor}" if first and factor else first or factor


def sign_in_record(*, request: HttpRequest, user: User) -> None:
    """Record a completed sign-in and start the session's "last seen" clock."""
    security_event_record(
        kind=SecurityEvent.Kind.SIGNED_IN, request=request, user=user, method=sign_in_method(request=request, user=user)
    )
    session_seen_start(request=request)


def sign_in_failure_record(*, request: HttpRequest | None, credentials: dict) -> None:
    """Record a refused password: the username as typed (the person's, when it names one), never the password."""
    typed = str(credentials.get("username") or credentials.get("email") or credentials.get("login") or "")
    typed = typed.replace("\x00", "")[:150]  # PostgreSQL text holds no NUL; the column holds 150 characters
    user = User.objects.filter(username=typed).first() if typed else None
    security_event_record(
        kind=SecurityEvent.Kind.SIGN_IN_FAILED, request=request, user=user, username=typed, method="password"
    )


def sign_out_record(*, request: HttpRequest, user: User | None) -> None:
    """Record a sign-out and drop the session's row from the session list (the session itself is being flushed)."""
    if user is None:
        return
    security_event_record(kind=SecurityEvent.Kind.SIGNED_OUT, request=request, user=user)
    if request.session.session_key:
        UserSession.objects.filter(session_key=request.session.session_key).delete()
