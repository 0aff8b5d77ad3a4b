"""The dashboard: a greeting, the user's departments and roles, and panels contributed by the domain apps.

Each domain app registers `dashboard_panels(user) -> list[DashboardPanel]` in its `dashboard.py` with
`@DASHBOARD_PANELS.register(order=N)` (see equity.contributions); each panel is a template with its own context,
built with a fixed number of queries. The core names no domain app.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from equity.contributions import DASHBOARD_PANELS
from equity.models import User


@dataclass(frozen=True)
class DashboardPanel:
    """One card on the dashboard: a template and its context."""

    template: str
    context: dict = field(default_factory=dict)


def dashboard_panels_for_user(*, user: User) -> list[DashboardPanel]:
    """All panels the user should see, in the apps' registered order."""
    panels: list[DashboardPanel] = []
    for provider in DASHBOARD_PANELS.entries():
        panels.extend(provider(user))
    return panels
