"""Dashboard panels of the plans app: my actions, and (for managers) my department's actions needing attention."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from equity.contributions import DASHBOARD_PANELS
from equity.dashboard import DashboardPanel
from equity.models import User
from equity.permissions import managed_department_ids
from plans.models import Action, ActionStatus, Plan, ProgressUpdate, ReportingPeriod
from plans.models.actions import CLOSED_STATUSES, NO_END_STATUSES
from plans.selectors import current_reporting_period
from plans.selectors_tracking import my_open_actions_head
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
        context = {"counts": attention_counts(managed=managed, today=today, period=period), "period": period}
        panels.append(DashboardPanel("plans/_panel_attention.html", {**context, "tones": tones}))
    return panels


def attention_counts(*, managed: set[int], today: date, period: ReportingPeriod | None) -> dict[str, int]:
    """The department tracking page's counts (`plans.selectors_tracking.tracking_filters`: overdue, at risk, off
    track, no update this period) over the actions the departments lead in adopted and active plans, from one
    query grouped by status: two conditional counts to build instead of four (a test compares the figures)."""
    # Everyone may read the actions of adopted and active plans (plans.selectors.plan_list_for_user hides drafts
    # only), so the readable-actions filter would add nothing but its cost.
    base = Action.objects.filter(
        lead_department__in=managed, plan__status__in=[Plan.Status.ADOPTED, Plan.Status.ACTIVE]
    )
    annotations: dict = {"n": Count("pk"), "late": Count("pk", filter=Q(due_date__lt=today))}
    if period is not None:
        annotations["stale"] = Count(
            "pk", filter=~Exists(ProgressUpdate.objects.filter(action=OuterRef("pk"), period=period))
        )
    # status -> (actions, of them late, of them without this period's update)
    rows = {status: figures for status, *figures in base.order_by().values_list("status").annotate(**annotations)}
    open_ = [row for status, row in rows.items() if status not in CLOSED_STATUSES]
    counts = {
        "overdue": sum(row[1] for status, row in rows.items() if status not in (*CLOSED_STATUSES, *NO_END_STATUSES)),
        "at_risk": rows.get(ActionStatus.AT_RISK, [0])[0],
        "off_track": rows.get(ActionStatus.OFF_TRACK, [0])[0],
    }
    if period is not None:
        counts["no_update"] = sum(row[2] for row in open_)
    return counts
