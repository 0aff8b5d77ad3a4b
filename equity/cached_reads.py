"""City-wide reads that many pages repeat (the status legend, the current reporting period, the library's counts, the
published narrative) kept in the shared cache and forgotten when their rows are written.

On a page at city scale an ORM query costs 0.5-1 ms of CPU to build and decode even when its SQL is trivial; a cached
value costs a cache read (a few µs in local memory, about 0.2 ms from Redis). The dashboard repeated five such reads
on every request.

- A read is declared with `@cached_read("name")`: its value is cached under that name (and the active language with
  `per_language=True`, for values holding translated labels), for at most TIMEOUT seconds.
- A model whose rows feed a read names it in a class attribute `cached_reads = ("name", ...)`. Every save and delete
  of such a model forgets those reads: at once, and again when the
  transaction commits, so a page that read the old rows between the write and the commit does not keep them. Models
  are loaded in every process (web, worker, shell), so with Redis as the cache a write anywhere forgets the value
  everywhere (without Redis, the embedded default, tasks run in the web process and the cache is its memory).
- Writes that send no post_save or post_delete (`QuerySet.update`, `bulk_create`, many-to-many changes; no cached
  read counts a many-to-many relation) do not forget it; the portal makes none to these
  models outside the seeders, and TIMEOUT bounds how long such a value can be out of date.
- A cache that is down is a miss (equity.cache): the value is read from the database.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from equity.cache import cache_delete_many, cache_get, cache_set

TIMEOUT = 300
MISSING = object()
PREFIX = "read"

T = TypeVar("T")

READS: list[tuple[Callable[[], Any], bool]] = []  # every declared read, and whether it is per language


def _key(name: str, language: str) -> str:
    return f"{PREFIX}:{name}:{language}"


def _language() -> str:
    """The active language as the portal offers it ("en" for "en-us")."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    try:
        return translation.get_supported_language_variant(language)
    except LookupError:
        return language


def cached_read(name: str, *, per_language: bool = False) -> Callable[[Callable[[], T]], Callable[[], T]]:
    """Decorator for a read without arguments: its value from the shared cache, read and stored on a miss."""

    def decorator(read: Callable[[], T]) -> Callable[[], T]:
        @functools.wraps(read)
        def cached() -> T:
            key = _key(name, _language() if per_language else "")
            value = cache_get(key, MISSING)
            if value is MISSING:
                value = read()
                cache_set(key, value, TIMEOUT)
            return value

        READS.append((cached, per_language))
        return cached

    return decorator


def forget(names: tuple[str, ...]) -> None:
    """Forget the cached values of these reads, in every language."""
    languages = ["", *(code for code, _name in settings.LANGUAGES)]
    cache_delete_many([_key(name, language) for name in names for language in languages])


def _written(sender: Any, **kwargs: Any) -> None:
    names = getattr(sender, "cached_reads", None)
    if names:
        forget(names)
        transaction.on_commit(lambda: forget(names), robust=True)


def connect() -> None:
    """Forget a model's reads whenever one of its rows is written (called once, from the core's AppConfig)."""
    post_save.connect(_written, dispatch_uid="equity.cached_reads.save")
    post_delete.connect(_written, dispatch_uid="equity.cached_reads.delete")
