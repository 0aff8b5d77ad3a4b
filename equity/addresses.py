"""The client's address, one decision for every per-address limit (sign-in lockouts, certificate look-ups, the
public site's rate limit).

REMOTE_ADDR, unless DJANGO_BEHIND_PROXY is on: then the connection comes from the reverse proxy, and the client is
the last address of X-Forwarded-For, the one the proxy itself appended (addresses before it are whatever the client
sent, so they are never trusted). Without a valid address there, REMOTE_ADDR still. None when there is no address
(a request built in code): django-axes stores the value in an address column.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The address a per-client limit counts this request under, or None."""
    if settings.BEHIND_PROXY:
        forwarded = _valid(request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1])
        if forwarded:
            return forwarded
    return _valid(request.META.get("REMOTE_ADDR", ""))
