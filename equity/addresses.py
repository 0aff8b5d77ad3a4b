"""The client's address, one decision for every per-address limit (sign-in lockouts, certificate look-ups, the
public site's rate limit).

REMOTE_ADDR, unless DJANGO_BEHIND_PROXY is on: then the connection comes from the reverse proxy, and the client is
the last address of X-Forwarded-For, the one the proxy itself appended (addresses before it are whatever the client
sent, so they are never trusted). Without the header behind a proxy, REMOTE_ADDR still.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

MAX_LENGTH = 64  # an IPv6 address with a zone is shorter; anything longer is not an address


def client_address(request: HttpRequest) -> str:
    """The address a per-client limit counts this request under ("unknown" when there is none)."""
    address = ""
    if settings.BEHIND_PROXY:
        address = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
    return (address or request.META.get("REMOTE_ADDR", "") or "unknown")[:MAX_LENGTH]
