"""Dashboard panels of the plans app: my actions, and (for managers) my department's actions needing attention."""

from __future__ import annotations

from django.db.models import Count
from django.utils import timezone

from equity.contributions import DASHBOARD_PANELS
from equity.dashboard import DashboardPanel
from equity.models import User
from equity.permissions import managed_department_ids
from plans.models import Action, Plan
from plans.selectors import current_reporting_period
from plans.selectors_tracking import my_open_actions_head, tracking_filters
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
    managed = managed_department_ids(user)
    if managed:
        filters = tracking_filters(today=today, period=period)
        # Counts only, of actions in adopted and active plans: everyone may read those (plans.selectors
        # .plan_list_for_user hides drafts only), so the readable-actions filter would add nothing but its cost.
        base = Action.objects.filter(
            lead_department__in=managed, plan__status__in=[Plan.Status.ADOPTED, Plan.Status.ACTIVE]
        )
        counts = base.aggregate(**{key: Count("pk", filter=q) for key, q in filters.items()})
        context = {"counts": counts, "period": period, "tones": tones}
        panels.append(DashboardPanel("plans/_panel_attention.html", context))
    return panels
