"""The dashboard: a greeting, the user's departments and roles, and panels contributed by the domain apps.

Each domain app exposes `dashboard_panels(user) -> list[DashboardPanel]` in its `dashboard.py`; each panel is a
template with its own context, built with a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from equity.models import User


@dataclass(frozen=True)
class DashboardPanel:
    template: str
    context: dict = field(default_factory=dict)


def _providers() -> list[Callable[[User], list[DashboardPanel]]]:
    from library.dashboard import dashboard_panels as library_panels
    from plans.dashboard import dashboard_panels as plan_panels
    from tools.dashboard import dashboard_panels as tool_panels
    from training.dashboard import dashboard_panels as training_panels

    return [library_panels, plan_panels, tool_panels, training_panels]


def dashboard_panels_for_user(*, user: User) -> list[DashboardPanel]:
    """All panels the user should see, in the apps' order."""
    panels: list[DashboardPanel] = []
    for provider in _providers():
        panels.extend(provider(user))
    return panels
