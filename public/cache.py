"""The public site's cache generation: every publish, unpublish or change of embedding sites sets a new one, so
every cached public response made before is never served again (keys include the generation). A generation is a
nanosecond timestamp, so one lost from the cache is never reused by a later one. A cache that cannot be read gives
generation 0 (its pages cannot be read either: they are rendered, `public.http`)."""

from __future__ import annotations

import time

from equity.cache import cache_add, cache_get, cache_set

GENERATION_KEY = "public:generation"


def generation() -> int:
    """The current generation."""
    value = cache_get(GENERATION_KEY)
    if value is None:
        cache_add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache_get(GENERATION_KEY, 0)
    return int(value)


def site_changed() -> None:
    """Forget every cached public response (called after the publishing transaction commits)."""
    cache_set(GENERATION_KEY, time.time_ns(), timeout=None)


def on_content_translated(sender, **kwargs) -> None:
    """A content translation was saved (sent after the commit): public pages may show it, so forget them all."""
    site_changed()
