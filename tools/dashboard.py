"""Dashboard panels of the tools app: my worksheets, and those waiting for my review (each from its selector)."""

from __future__ import annotations

from equity.contributions import DASHBOARD_PANELS
from equity.dashboard import DashboardPanel
from equity.models import User
from equity.permissions import is_equity_team, is_manager
from tools.selectors import my_open_worksheets_for_user, review_queue_for_user
from tools.worklist import attach_worklist

PANEL_SIZE = 5


@DASHBOARD_PANELS.register(order=30)
def dashboard_panels(user: User) -> list[DashboardPanel]:
    """My open worksheets for everyone; the review queue for managers and the equity team."""
    mine = attach_worklist(my_open_worksheets_for_user(user=user)[:PANEL_SIZE], user=user)
    panels = [DashboardPanel("tools/_panel_worksheets.html", {"assessments": mine})]
    if is_manager(user) or is_equity_team(user):
        waiting = list(review_queue_for_user(user=user)[:PANEL_SIZE])
        panels.append(DashboardPanel("tools/_panel_review.html", {"assessments": waiting}))
    return panels
