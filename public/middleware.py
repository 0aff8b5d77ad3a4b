"""The public site's middleware: no cookie on any public response, and a rate limit of anonymous requests to /public/,
/embed/ and /data.json per client address.

No cookie: a request to those paths is marked `public_response`, so the session middleware leaves the session alone
(equity.middleware.SessionMiddleware: no save, no cookie, no "Vary: Cookie", even for a signed-in visitor), the
CSRF middleware is told not to hand out its cookie, and any cookie set further in is dropped (Django's 404 view sets
the CSRF cookie itself: its page asks for a token; the public site has no form to post). A shared cache may then
keep any public response.

The rate limit is a fixed window: at most N requests per S seconds (EQUITY_PUBLIC_RATE_LIMIT = "N/S"; "0" turns it
off), counted in the shared cache (an atomic add, then an atomic increment; the key expires with its window). The
request after the N-th in a window gets a polite 429 page with Retry-After (the seconds left in the window), no
cookie and no cache.
The address is `equity.addresses.client_address` (REMOTE_ADDR, or the proxy's X-Forwarded-For entry behind
DJANGO_BEHIND_PROXY), the same as the sign-in lockouts.

Signed-in staff are never limited. Only a request that carries a session cookie is asked whether it is signed in,
so an anonymous visitor (no cookie) never causes a session read; a made-up cookie costs one session look-up and is
then counted like any anonymous request. A cache that is down counts nothing: the page is served (ADR 0052).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from equity.addresses import client_address
from equity.cache import cache_add, cache_incr

LIMITED_PREFIXES = ("/public/", "/embed/")
LIMITED_PATHS = ("/data.json",)


@lru_cache(maxsize=8)
def parse_rate(value: str) -> tuple[int, int] | None:
    """(requests, seconds) from "N/S", None for "0" (no limit); a malformed value is a configuration error."""
    value = value.strip()
    if value in ("", "0"):
        return None
    requests, _, seconds = value.partition("/")
    if not (requests.isdigit() and seconds.isdigit() and int(requests) > 0 and int(seconds) > 0):
        raise ImproperlyConfigured(
            f"EQUITY_PUBLIC_RATE_LIMIT must be 'requests/seconds' (e.g. '300/60') or '0', not {value!r}."
        )
    return int(requests), int(seconds)


def now() -> float:
    """The clock the windows are cut from (the tests move it)."""
    return time.time()


def limited_path(path: str) -> bool:
    return path.startswith(LIMITED_PREFIXES) or path in LIMITED_PATHS


def signed_in(request: HttpRequest) -> bool:
    """True for a signed-in user; reads the session only when the request carries a session cookie."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def retry_after(address: str, rate: tuple[int, int]) -> int | None:
    """Count one request from `address`; the seconds until its window ends when it is over the limit, else None."""
    allowed, seconds = rate
    moment = now()
    window = int(moment // seconds)
    key = f"public:rate:{seconds}:{window}:{address}"
    count = 1 if cache_add(key, 1, seconds + 1) else cache_incr(key)
    if count is None or count <= allowed:  # None: the cache is down or the key just expired; never refuse for that
        return None
    return max(1, math.ceil((window + 1) * seconds - moment))


def too_many_requests(retry: int) -> HttpResponse:
    """The polite 429: what happened, when to come back; rendered without the request (no session, no cookie)."""
    minutes = max(1, math.ceil(retry / 60))
    response = HttpResponse(
        render_to_string(
            "429.html", {"retry_seconds": retry, "retry_minutes": minutes, "city_name": settings.CITY_NAME}
        ),
        status=429,
    )
    response["Retry-After"] = str(retry)
    response["Cache-Control"] = "no-store"
    return response


class PublicSiteMiddleware:
    """No cookie on a public response; refuse an anonymous address's requests to the public site past
    EQUITY_PUBLIC_RATE_LIMIT (see the module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        parse_rate(settings.EQUITY_PUBLIC_RATE_LIMIT)  # a malformed value stops the server at start

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not limited_path(request.path_info):
            return self.get_response(request)
        request.public_response = True  # type: ignore[attr-defined]
        rate = parse_rate(settings.EQUITY_PUBLIC_RATE_LIMIT)
        counted = getattr(request, "public_rate_counted", False)  # by public.front_cache, for a cookie-less request
        if rate is not None and not counted and not signed_in(request):
            retry = retry_after(client_address(request) or "unknown", rate)
            if retry is not None:
                return too_many_requests(retry)
        response = self.get_response(request)
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False  # read by CsrfViewMiddleware after this returns
        response.cookies.clear()  # what the inner middleware or a view set (Django's 404 view sets the CSRF cookie)
        return response
