"""Pages of the report pipeline the benchmark measures (see bench/pages/__init__.py)."""

from __future__ import annotations

from django.urls import reverse


def bench_pages() -> list[tuple[str, str, object]]:
    """(label, demo username, path callable): the Reports list of the equity team, who sees every job."""
    return [("reports list", "equity", lambda: reverse("reports:job_list"))]
