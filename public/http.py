"""How every public response is served: GET only, the same bytes for everyone, cached until the next publish.

A public page is a pure function of the published snapshots, the language and the query parameters the view
declares, so it is cached under a key made of those and the public cache generation (`public.cache`): a visitor
after the first costs no database query, and publishing or unpublishing makes every cached page stale at once.
Undeclared query parameters are dropped from the key (they cannot be used to get past the cache). Only 200
responses are cached, for at most `EQUITY_PUBLIC_CACHE_SECONDS`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils.translation import get_language

from equity.cache import cache_get, cache_set
from public.cache import generation

KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "Last-Modified")


def cache_key(request: HttpRequest, params: Iterable[str]) -> str:
    """The cache key of a public request: generation, language, path and the declared parameters' values."""
    kept = sorted((name, value) for name in params for value in request.GET.getlist(name))
    raw = repr((request.path, kept)).encode()
    return f"public:page:{generation()}:{get_language()}:{hashlib.sha256(raw).hexdigest()}"


def _frozen(response: HttpResponse) -> tuple[int, bytes, list[tuple[str, str]]]:
    headers = [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)]
    return response.status_code, response.content, headers


def _thawed(frozen: tuple[int, bytes, list[tuple[str, str]]]) -> HttpResponse:
    status, content, headers = frozen
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def browser_cache_control() -> str:
    """What browsers and proxies may keep: by default they must ask again each time ("no-cache"), so unpublishing
    takes a page off every screen at once (the server's cache makes asking cheap); EQUITY_PUBLIC_MAX_AGE > 0 lets
    them keep a page that long."""
    max_age = settings.EQUITY_PUBLIC_MAX_AGE
    return f"public, max-age={max_age}" if max_age > 0 else "public, no-cache"


def public_response(*, params: Iterable[str] = ()) -> Callable:
    """Decorator of a public view: answers GET and HEAD only, from the cache when it can. The view must not read
    the user or the session: what it returns is served to everyone."""
    declared = tuple(params)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            # No cookie on a public response, even a signed-in visitor's (a shared cache must never keep one): the
            # session middleware neither saves the session nor sets its cookie (equity.middleware.SessionMiddleware).
            request.public_response = True  # type: ignore[attr-defined]
            if request.method not in ("GET", "HEAD"):
                return HttpResponseNotAllowed(["GET", "HEAD"])
            key = cache_key(request, declared)
            frozen = cache_get(key)  # a cache that is down is a miss: the page is rendered
            if frozen is not None:
                response = _thawed(frozen)
            else:
                response = view(request, *args, **kwargs)
                render = getattr(response, "render", None)
                if callable(render):
                    response = render()
                if response.status_code == 200 and not response.streaming:
                    cache_set(key, _frozen(response), timeout=settings.EQUITY_PUBLIC_CACHE_SECONDS)
            response["Cache-Control"] = browser_cache_control()
            response.public_response = True  # type: ignore[attr-defined]  # no session cookie: equity.middleware
            return response

        wrapped.public_response = True  # type: ignore[attr-defined]  # the access tests find public views by this
        return wrapped

    return decorator
