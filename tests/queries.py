"""Query budgets: a page runs the same number of SQL queries whatever the number of rows."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from equity import cached_reads


def fill_cached_reads() -> None:
    """Read every declared city-wide read into the cache, in every language for those per language (so that a query
    count measures a page as it is served once those reads are cached)."""
    for read, per_language in cached_reads.READS:
        if not per_language:
            read()
            continue
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                read()


def count_queries(client, url: str) -> int:
    """Number of SQL queries one GET of `url` runs (the response must be 200), as pages are served once the
    city-wide reads are in the shared cache (equity.cached_reads)."""
    fill_cached_reads()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(ctx.captured_queries)


def assert_constant_queries(client, url: str | Callable[[], str], grow: Callable[[], None], budget: int) -> int:
    """Count the queries of `url`, call `grow()` to add rows, count again: the two must be equal and within budget."""
    resolve = url if callable(url) else (lambda: url)
    small = count_queries(client, resolve())
    grow()
    large = count_queries(client, resolve())
    assert small == large, f"{resolve()}: {small} queries before growing the data, {large} after"
    assert large <= budget, f"{resolve()}: {large} queries, budget {budget}"
    return large
