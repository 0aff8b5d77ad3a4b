"""Dashboard panels: "my training" for everyone, "department completion" for managers, "my upcoming sessions"
for facilitators."""

from __future__ import annotations

from equity import permissions as core
from equity.contributions import DASHBOARD_PANELS
from equity.dashboard import DashboardPanel
from equity.models import User
from training.approvals import certification_request_list_for_user
from training.completion import completion_report_for_user
from training.models import CertificationRequest
from training.permissions import can_decide_certification_request
from training.registration_selectors import my_registration_list
from training.selectors import person_record, upcoming_session_list_for_user


@DASHBOARD_PANELS.register(order=40)
def dashboard_panels(user: User) -> list[DashboardPanel]:
    """The training panels this user should see, each built in a fixed number of queries."""
    registrations = list(my_registration_list(user=user)[:5])
    my_training = {"record": person_record(person=user), "registrations": registrations}
    panels = [DashboardPanel("training/_panel_my_training.html", my_training)]
    if core.is_manager(user) and core.managed_department_ids(user):
        report = completion_report_for_user(user=user, with_names=False, with_totals=False)
        panels.append(DashboardPanel("training/_panel_department_completion.html", {"report": report}))
    if core.is_facilitator(user):
        sessions = list(upcoming_session_list_for_user(user=user, facilitator_only=True)[:5])
        panels.append(DashboardPanel("training/_panel_upcoming.html", {"sessions": sessions}))
    panels.extend(approval_panels(user))
    return panels


def approval_panels(user: User) -> list[DashboardPanel]:
    """Approval requests: the equity team sees how many wait and the oldest five; a facilitator their latest five
    with the outcome. Two queries at most, whatever the number of requests."""
    if can_decide_certification_request(user):
        waiting = certification_request_list_for_user(user=user, status=CertificationRequest.Status.PENDING)
        requests = list(waiting.order_by("created_at", "pk")[:5])
        context = {"deciding": True, "pending_count": waiting.count(), "requests": requests}
        return [DashboardPanel("training/_panel_approvals.html", context)]
    if core.is_facilitator(user):
        requests = list(certification_request_list_for_user(user=user)[:5])
        if requests:
            return [DashboardPanel("training/_panel_approvals.html", {"deciding": False, "requests": requests})]
    return []
