"""Demo records for this app, added by `manage.py seed_demo` (idempotent)."""

from __future__ import annotations

from equity.demo import DemoCity


def seed(city: DemoCity) -> None:
    """Nothing yet."""
