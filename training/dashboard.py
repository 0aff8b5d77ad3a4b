"""Dashboard panels: "my training" for everyone, "department completion" for managers, "my upcoming sessions"
for facilitators.

Each panel reads through a selector of its own (`training.selectors.my_training_for_user`,
`my_upcoming_sessions_for_user`, `training.completion.department_completion_for_user`) that reads only what the
panel shows, rather than the pages' selectors: those annotate and join for their pages (seven roster counts per
session, a completion subquery per module), and building such queries costs the dashboard more CPU than running
them. The figures are the same as the pages' (tests compare them per persona)."""

from __future__ import annotations

from django.db.models import Count, Window

from equity import permissions as core
from equity.contributions import DASHBOARD_PANELS
from equity.dashboard import DashboardPanel
from equity.models import User
from training.approvals import certification_request_list_for_user
from training.completion import department_completion_for_user
from training.models import CertificationRequest
from training.permissions import can_decide_certification_request
from training.registration_selectors import my_registration_list
from training.selectors import module_list_for_user, my_training_for_user, my_upcoming_sessions_for_user

SHOWN = 5


@DASHBOARD_PANELS.register(order=40)
def dashboard_panels(user: User) -> list[DashboardPanel]:
    """The training panels this user should see, each built in a fixed number of queries."""
    active = list(module_list_for_user(user=user).only("pk", "title", "required_for", "is_active"))
    record = my_training_for_user(user=user, active=active)
    # What training/_panel_my_training.html shows of a registration (not the session's and module's long texts).
    shown = ("session_id", "status", "requested_at", "session__date", "session__start_time", "session__module__title")
    registrations = list(my_registration_list(user=user).only(*shown)[:SHOWN])
    panels = [DashboardPanel("training/_panel_my_training.html", {"record": record, "registrations": registrations})]
    if core.is_manager(user) and core.managed_department_ids(user):
        report = department_completion_for_user(user=user, active=active)
        panels.append(DashboardPanel("training/_panel_department_completion.html", {"report": report}))
    if core.is_facilitator(user):
        sessions = list(my_upcoming_sessions_for_user(user=user)[:SHOWN])
        panels.append(DashboardPanel("training/_panel_upcoming.html", {"sessions": sessions}))
    panels.extend(approval_panels(user))
    return panels


def approval_panels(user: User) -> list[DashboardPanel]:
    """Approval requests: the equity team sees how many wait and the oldest five; a facilitator their latest five
    with the outcome. One query, whatever the number of requests (the number waiting is a window count)."""
    if can_decide_certification_request(user):
        waiting = certification_request_list_for_user(user=user, status=CertificationRequest.Status.PENDING)
        requests = list(
            waiting.select_related(None)
            .select_related("facilitator__user", "module")
            .annotate(pending_total=Window(Count("pk")))
            .order_by("created_at", "pk")[:SHOWN]
        )
        count = requests[0].pending_total if requests else 0
        context = {"deciding": True, "pending_count": count, "requests": requests}
        return [DashboardPanel("training/_panel_approvals.html", context)]
    if core.is_facilitator(user):
        mine = list(certification_request_list_for_user(user=user).select_related(None).select_related("module")[:5])
        if mine:
            return [DashboardPanel("training/_panel_approvals.html", {"deciding": False, "requests": mine})]
    return []
