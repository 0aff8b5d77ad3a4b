"""The pages the benchmark measures: a label, the demo user who requests it, and how to find its path.

Paths are resolved once per database (inside Django) and handed to locust as plain URLs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

FLOOR = "profile (floor)"


@dataclass(frozen=True)
class Page:
    label: str
    username: str
    path: Callable[[], str]


def _core_pages() -> list[Page]:
    return [
        Page(FLOOR, "staff", lambda: reverse("profile")),
        Page("dashboard (staff)", "staff", lambda: reverse("dashboard")),
        Page("dashboard (manager)", "manager", lambda: reverse("dashboard")),
        Page("dashboard (facilitator)", "facilitator", lambda: reverse("dashboard")),
        Page("dashboard (equity team)", "equity", lambda: reverse("dashboard")),
        Page("people list", "equity", lambda: reverse("user_list")),
    ]


def all_pages() -> list[Page]:
    """Every measured page; the domain apps add theirs through their `bench_pages()` where they have one."""
    pages = _core_pages()
    for module_name in ("plans.bench", "tools.bench", "training.bench", "library.bench", "equity.reports.bench"):
        try:
            module = __import__(module_name, fromlist=["bench_pages"])
        except ModuleNotFoundError as exc:
            if not module_name.startswith(exc.name or "-"):
                raise
            continue
        pages.extend(Page(label, username, path) for label, username, path in module.bench_pages())
    return pages
