"""Dashboard panels of the tools app: my worksheets, and those waiting for my review.

The panels show titles, statuses and (for reviews) the department, so they query the assessments directly rather
than through the list's selector: the worksheets are the user's own (lead or team member) and the review queue their
departments' (or, for the equity team, every one) in review, all of which the user may see
(`tools.selectors.assessment_list_for_user`), so its visibility test would add nothing but the cost of building it."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, Subquery, Value

from equity.contributions import DASHBOARD_PANELS
from equity.dashboard import DashboardPanel
from equity.models import User
from equity.permissions import is_equity_team, is_manager, managed_department_ids
from tools.models import Assessment, Transition
from tools.worklist import attach_worklist

PANEL_SIZE = 5


@DASHBOARD_PANELS.register(order=30)
def dashboard_panels(user: User) -> list[DashboardPanel]:
    """My open worksheets for everyone; the review queue for managers and the equity team."""
    panels = [DashboardPanel("tools/_panel_worksheets.html", {"assessments": my_open_worksheets(user=user)})]
    if is_manager(user) or is_equity_team(user):
        waiting = Assessment.objects.filter(status=Assessment.Status.IN_REVIEW)
        if not is_equity_team(user):
            waiting = waiting.filter(department__in=managed_department_ids(user))
        # The four values the panel shows, rather than two model instances each.
        shown = waiting.order_by("submitted_at").values("pk", "title", "submitted_at", "department__name")
        panels.append(DashboardPanel("tools/_panel_review.html", {"assessments": list(shown[:PANEL_SIZE])}))
    return panels


def my_open_worksheets(*, user: User) -> list[Assessment]:
    """The first open assessments the user leads or is on the team of, each with its `worklist` status (one query:
    the latest status change is a subquery, as in `tools.worklist.with_worklist`; the user is on every one's team)."""
    on_team = Exists(Assessment.team.through.objects.filter(assessment_id=OuterRef("pk"), user_id=user.pk))
    last = Transition.objects.filter(assessment_id=OuterRef("pk")).order_by("-created_at", "-pk").values("action")
    mine = (
        Assessment.objects.filter(Q(lead=user) | on_team)
        .exclude(status=Assessment.Status.COMPLETED)
        .annotate(last_action=Subquery(last[:1]), user_on_team=Value(True))
    )
    return attach_worklist(mine[:PANEL_SIZE], user=user)
