"""Dashboard panels of the tools app: my worksheets, and those waiting for my review."""

from __future__ import annotations

from equity.contributions import DASHBOARD_PANELS
from equity.dashboard import DashboardPanel
from equity.models import User
from equity.permissions import is_equity_team, is_manager
from tools.models import Assessment
from tools.selectors import assessment_filter, assessment_list_for_user, assessments_to_review_for_user
from tools.worklist import attach_worklist, with_worklist

PANEL_SIZE = 5


@DASHBOARD_PANELS.register(order=30)
def dashboard_panels(user: User) -> list[DashboardPanel]:
    """My open worksheets for everyone; the review queue for managers and the equity team. The panels show titles,
    statuses and (for reviews) the department: the selectors' other joins are dropped."""
    mine = assessment_filter(qs=assessment_list_for_user(user=user), scope="mine", user=user).exclude(
        status=Assessment.Status.COMPLETED
    )
    mine = with_worklist(mine.select_related(None), user=user)[:PANEL_SIZE]
    panels = [DashboardPanel("tools/_panel_worksheets.html", {"assessments": attach_worklist(mine, user=user)})]
    if is_manager(user) or is_equity_team(user):
        waiting = assessments_to_review_for_user(user=user).select_related(None).select_related("department")
        panels.append(
            DashboardPanel(
                "tools/_panel_review.html", {"assessments": list(waiting.order_by("submitted_at")[:PANEL_SIZE])}
            )
        )
    return panels
