"""Dashboard panels contributed by this app (see equity.dashboard)."""

from __future__ import annotations

from equity.dashboard import DashboardPanel
from equity.models import User


def dashboard_panels(user: User) -> list[DashboardPanel]:
    """No panels yet."""
    return []
