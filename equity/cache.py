"""The shared cache, used so that a cache server that is down costs speed, never a page.

With REDIS_URL set the cache is Redis (settings.CACHES, ADR 0052); a Redis that is stopped, restarting or unreachable
makes Django's cache calls raise. Every cache use of the portal goes through these calls instead: an error is
logged and treated as a miss (get), as not stored (set, add) or as "no count" (incr), so the page is rendered from the
database as if there were no cache. Redis' socket time limits (settings.CACHES OPTIONS) bound how long a hung server
can hold a request, and after a failure each process leaves the cache alone for RETRY_SECONDS, so a hung Redis costs
one time limit per process every few seconds, not one per cache call.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache import cache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

CACHE_ERRORS: tuple[type[BaseException], ...] = (RedisError, OSError)
RETRY_SECONDS = 5.0

_skip_until = 0.0  # time.monotonic() before which this process does not try the cache (after a failure)


def _resting() -> bool:
    return time.monotonic() < _skip_until


def _failed(operation: str, key: str, exc: BaseException) -> None:
    global _skip_until
    _skip_until = time.monotonic() + RETRY_SECONDS
    logger.warning(
        "Cache %s of %s failed (%s): served without the cache for %.0f s", operation, key, type(exc).__name__,
        RETRY_SECONDS,
    )  # fmt: skip


def cache_get(key: str, default: Any = None) -> Any:
    """The cached value, or `default` when it is missing or the cache cannot be read."""
    if _resting():
        return default
    try:
        return cache.get(key, default)
    except CACHE_ERRORS as exc:
        _failed("get", key, exc)
        return default


def cache_set(key: str, value: Any, timeout: float | None) -> None:
    """Store a value (nothing happens when the cache cannot be written)."""
    if _resting():
        return
    try:
        cache.set(key, value, timeout)
    except CACHE_ERRORS as exc:
        _failed("set", key, exc)


def cache_add(key: str, value: Any, timeout: float | None) -> bool:
    """Store a value unless the key exists; True when stored (False also when the cache cannot be written)."""
    if _resting():
        return False
    try:
        return bool(cache.add(key, value, timeout))
    except CACHE_ERRORS as exc:
        _failed("add", key, exc)
        return False


def cache_incr(key: str) -> int | None:
    """Add one to an existing counter and return it; None when the key is missing or the cache is unavailable."""
    if _resting():
        return None
    try:
        return int(cache.incr(key))
    except ValueError:  # missing (or expired since the caller's add)
        return None
    except CACHE_ERRORS as exc:
        _failed("incr", key, exc)
        return None


def cache_delete_many(keys: list[str]) -> None:
    """Remove these keys (nothing happens when the cache cannot be written; their values expire with their timeout)."""
    if _resting():
        return
    try:
        cache.delete_many(keys)
    except CACHE_ERRORS as exc:
        _failed("delete", ", ".join(keys[:1]), exc)
