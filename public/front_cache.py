"""The public site's front cache: an anonymous visitor's public page served before the rest of the middleware.

`public.http.public_response` caches what a view returns, but a cached page still passed through the session,
locale, CSRF, authentication, messages, CSP and history middleware on every request: a quarter of what the staff
floor page costs, far from the tenfold throughput issue 16 asks of the public site (ADR 0052 measured 4.1x). This
middleware sits just after Django's security middleware (so HTTPS redirects and security headers still apply): a
GET or HEAD to a public path (`public.middleware.limited_path`) without a session cookie is answered from the cache
with the complete response the whole stack made the first time (status, body and every header: CSP and embed
framing included). Otherwise it passes the request on and keeps the response if it is a public 200 without cookies.

The key holds the public cache generation (publishing makes every entry stale at once), the host (absolute URLs in
/data.json and the feed), the language the visitor's browser asks for, and the full path with its query string.
A request with a session cookie (staff) always takes the full path. The rate limit is counted here for the requests
answered here (`public.middleware.retry_after`), and not again further in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language_from_request

from equity.addresses import client_address
from equity.cache import cache_get, cache_set
from public.cache import generation
from public.middleware import limited_path, parse_rate, retry_after, too_many_requests

Frozen = tuple[int, bytes, list[tuple[str, str]]]


def front_key(request: HttpRequest) -> str:
    """The front cache key of an anonymous public request."""
    raw = repr((request.get_host(), request.get_full_path())).encode()
    language = get_language_from_request(request)
    return f"public:front:{generation()}:{language}:{hashlib.sha256(raw).hexdigest()}"


def _frozen(response: HttpResponse) -> Frozen:
    return response.status_code, response.content, list(response.items())


def _thawed(frozen: Frozen) -> HttpResponse:
    status, content, headers = frozen
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response.public_response = True  # type: ignore[attr-defined]
    return response


def _answerable(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and limited_path(request.path_info)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and (request.is_secure() or not settings.SECURE_SSL_REDIRECT)
    )


def _keepable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and getattr(response, "public_response", False)
        and not response.streaming
        and not response.cookies
    )


class PublicFrontCacheMiddleware:
    """Serve anonymous public pages from the cache before the rest of the stack (see the module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _answerable(request):
            return self.get_response(request)
        rate = parse_rate(settings.EQUITY_PUBLIC_RATE_LIMIT)
        if rate is not None:
            retry = retry_after(client_address(request) or "unknown", rate)
            if retry is not None:
                return too_many_requests(retry)
        request.public_rate_counted = True  # type: ignore[attr-defined]  # public.middleware does not count it again
        key = front_key(request)
        frozen = cache_get(key)
        if frozen is not None:
            return _thawed(frozen)
        response = self.get_response(request)
        if _keepable(response):
            cache_set(key, _frozen(response), timeout=settings.EQUITY_PUBLIC_CACHE_SECONDS)
        return response
