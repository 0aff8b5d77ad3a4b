"""Dashboard panels of the plans app: my actions, and (for managers) my department's actions needing attention
(each from its selector in plans.selectors_tracking)."""

from __future__ import annotations

from django.utils import timezone

from equity.contributions import DASHBOARD_PANELS
from equity.dashboard import DashboardPanel
from equity.models import User
from equity.permissions import managed_department_ids
from plans.selectors import current_reporting_period
from plans.selectors_tracking import attention_counts_for_user, my_open_actions_head
from plans.status import legend_tones

SHOWN = 5


@DASHBOARD_PANELS.register(order=20)
def dashboard_panels(user: User) -> list[DashboardPanel]:
    """My open actions (soonest due first) and, for managers, counts of their departments' flagged actions."""
    today = timezone.localdate()
    period = current_reporting_period()
    tones = legend_tones()
    actions, total = my_open_actions_head(user=user, size=SHOWN, today=today, attention=tones.attention)
    panels = [
        DashboardPanel(
            "plans/_panel_my_actions.html",
            {"actions": actions, "total": total, "period": period, "tones": tones},
        )
    ]
    if managed_department_ids(user):
        context = {"counts": attention_counts_for_user(user=user, today=today, period=period), "period": period}
        panels.append(DashboardPanel("plans/_panel_attention.html", {**context, "tones": tones}))
    return panels
