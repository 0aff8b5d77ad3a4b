"""Who may show the embeddable widgets in a frame: the sites the equity team lists (`EmbedOrigin`), sent as the
Content-Security-Policy `frame-ancestors` of every widget response, cached hits included. Every other page keeps
the project's `frame-ancestors 'none'` and `X-Frame-Options: DENY` (ADR 0050)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from csp.constants import NONE
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.clickjacking import xframe_options_exempt

from equity.cache import cache_get, cache_set
from public.cache import generation
from public.selectors import embed_origins


def frame_ancestors() -> list[str]:
    """The `frame-ancestors` sources of a widget: the listed sites, or `'none'` when there are none. Read from the
    database once per cache generation (a change of the list moves the generation on, so it applies at once)."""
    key = f"public:embed-origins:{generation()}"
    origins = cache_get(key)  # a cache that is down is a miss: the list is read from the database
    if origins is None:
        origins = embed_origins()
        cache_set(key, origins, timeout=settings.EQUITY_PUBLIC_CACHE_SECONDS)
    return list(origins) or [NONE]


def framed_by_embed_origins(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorator of a widget view, outside `public_response` so that cached responses get it too: no
    X-Frame-Options, and `frame-ancestors` listing the allowed sites only."""

    @xframe_options_exempt
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response._csp_replace = {"frame-ancestors": frame_ancestors()}  # type: ignore[attr-defined]  # django-csp
        return response

    return wrapped
