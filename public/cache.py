"""The public site's cache generation: every publish, unpublish or change of embedding sites sets a new one, so
every cached public response made before is never served again (keys include the generation). A generation is a
nanosecond timestamp, so one lost from the cache is never reused by a later one."""

from __future__ import annotations

import time

from django.core.cache import cache

GENERATION_KEY = "public:generation"


def generation() -> int:
    """The current generation."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY, 0)
    return int(value)


def site_changed() -> None:
    """Forget every cached public response (called after the publishing transaction commits)."""
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
