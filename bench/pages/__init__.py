"""The pages the benchmark measures: a label, the demo user who requests it, and how to find its path.

The core pages are listed here; each app's pages come from `bench_pages()` in `bench/pages/<app>.py`, and APP_PAGES
is the one list of those modules. Paths are resolved once per database (inside Django) and handed to locust as
plain URLs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from django.urls import reverse

from bench.pages import library, plans, public, reports, tools, training

FLOOR = "profile (floor)"


APP_PAGES: list[ModuleType] = [plans, tools, training, library, reports, public]


@dataclass(frozen=True)
class Page:
    label: str
    username: str  # "" requests the page anonymously (the public site)
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
    """Every measured page: the core's, then each app's `bench_pages()` in APP_PAGES order."""
    pages = _core_pages()
    for module in APP_PAGES:
        pages.extend(Page(label, username, path) for label, username, path in module.bench_pages())
    return pages
