"""Recording security events (sign-ins, failures, factor changes, ended sessions): the one way they are written."""

from __future__ import annotations

from django.http import HttpRequest

from equity.addresses import client_address
from equity.models import SecurityEvent, User

_AGENT_MAX = SecurityEvent._meta.get_field("user_agent").max_length or 300
_DETAIL_MAX = SecurityEvent._meta.get_field("detail").max_length or 300


def security_event_record(
    *,
    kind: SecurityEvent.Kind,
    request: HttpRequest | None = None,
    user: User | None = None,
    username: str = "",
    method: str = "",
    detail: str = "",
    actor: User | None = None,
) -> SecurityEvent:
    """Write one event with the request's address and device; the username as given is kept for failures."""
    ip = client_address(request) if request is not None else None
    agent = request.META.get("HTTP_USER_AGENT", "") if request is not None else ""
    return SecurityEvent.objects.create(
        kind=kind,
        user=user if user is not None and user.pk else None,
        username=(username or (user.get_username() if user is not None else ""))[:150],
        method=method[:40],
        detail=detail[:_DETAIL_MAX],
        actor=actor,
        ip=ip,
        user_agent=agent[:_AGENT_MAX],
    )
