"""Reading the security trail: a person's recent sign-ins on their security page, and the equity team's list of
every security event (docs/accounts/sessions.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from equity import permissions
from equity.accounts.devices import device_label
from equity.models import SecurityEvent, User

RECENT_SIGN_INS = 20
SIGN_IN_KINDS = (SecurityEvent.Kind.SIGNED_IN, SecurityEvent.Kind.SIGN_IN_FAILED, SecurityEvent.Kind.SIGN_IN_REFUSED)
_STEP_LABELS = {
    "password": _("Password"),
    "sso": _("City account (single sign-on)"),
    "totp": _("authenticator app"),
    "webauthn": _("passkey"),
    "recovery_codes": _("recovery code"),
}


def method_label(*, method: str) -> str:
    """ "password+totp" as "Password + authenticator app"; an unknown step is shown as recorded."""
    return " + ".join(str(_STEP_LABELS.get(step, step)) for step in method.split("+") if step)


@dataclass(frozen=True)
class SignInRow:
    """One sign-in attempt, ready to show."""

    at: datetime
    kind: str
    succeeded: bool
    method: str
    device: str
    ip: str


def recent_sign_ins_for_user(*, user: User) -> list[SignInRow]:
    """The last RECENT_SIGN_INS sign-ins, failures and refusals of `user`, newest first (one query)."""
    events = SecurityEvent.objects.filter(user=user, kind__in=SIGN_IN_KINDS).order_by("-at", "-pk")
    return [
        SignInRow(
            at=event.at,
            kind=event.get_kind_display(),
            succeeded=event.kind == SecurityEvent.Kind.SIGNED_IN,
            method=method_label(method=event.method),
            device=device_label(user_agent=event.user_agent) if event.user_agent else "",
            ip=event.ip or "",
        )
        for event in events[:RECENT_SIGN_INS]
    ]


def security_event_list_for_user(
    *,
    user: User,
    person: User | None = None,
    username: str = "",
    kind: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[SecurityEvent]:
    """Every security event, filtered, newest first: the equity team sees them all, anyone else none."""
    if not permissions.can_manage_users(user):
        return SecurityEvent.objects.none()
    events = SecurityEvent.objects.select_related("user", "actor").order_by("-at", "-pk")
    if person is not None:
        events = events.filter(user=person)
    if username:
        events = events.filter(username__icontains=username)
    if kind:
        events = events.filter(kind=kind)
    zone = timezone.get_current_timezone()
    if since:
        events = events.filter(at__gte=datetime.combine(since, time.min, tzinfo=zone))
    if until:
        events = events.filter(at__lte=datetime.combine(until, time.max, tzinfo=zone))
    return events
