"""Dashboard panels: "my training" for everyone, "department completion" for managers, "my upcoming sessions"
for facilitators.

The panels read only what they show, with queries of their own rather than the training pages' selectors: those
selectors annotate and join for their pages (seven roster counts per session, a completion subquery per module),
and building such queries costs the dashboard more CPU than running them. The figures are the same as the pages'
(tests compare them)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum, Window
from django.utils import timezone

from equity import permissions as core
from equity.contributions import DASHBOARD_PANELS
from equity.dashboard import DashboardPanel
from equity.models import Department, User
from equity.selectors import my_departments
from training.approvals import certification_request_list_for_user
from training.completion import CompletionCell, CompletionReport, CompletionRow
from training.models import Attendance, CertificationRequest, CompletionRollup, Module, Session
from training.permissions import can_decide_certification_request, sees_all_training
from training.registration_models import Registration
from training.registration_selectors import my_registration_list
from training.selectors import module_required_for_person

SHOWN = 5
# The role flags a module's audience is decided by (training.selectors.required_audience_q).
FLAGS = ("user__is_manager", "user__is_facilitator", "user__is_equity_team")
AUDIENCE: dict[str, int | None] = {
    Module.RequiredFor.ALL_STAFF: None,
    Module.RequiredFor.MANAGERS: 0,
    Module.RequiredFor.FACILITATORS: 1,
    Module.RequiredFor.EQUITY_TEAM: 2,
}


@DASHBOARD_PANELS.register(order=40)
def dashboard_panels(user: User) -> list[DashboardPanel]:
    """The training panels this user should see, each built in a fixed number of queries."""
    active = list(Module.objects.filter(is_active=True).only("pk", "title", "required_for", "is_active"))
    # What training/_panel_my_training.html shows of a registration (not the session's and module's long texts).
    shown = ("session_id", "status", "requested_at", "session__date", "session__start_time", "session__module__title")
    registrations = list(my_registration_list(user=user).only(*shown)[:SHOWN])
    panels = [DashboardPanel("training/_panel_my_training.html", {**my_training(user=user, active=active),
                                                                  "registrations": registrations})]  # fmt: skip
    if core.is_manager(user) and core.managed_department_ids(user):
        report = department_completion(user=user, modules=[m for m in active if m.required_for in AUDIENCE])
        panels.append(DashboardPanel("training/_panel_department_completion.html", {"report": report}))
    if core.is_facilitator(user):
        panels.append(DashboardPanel("training/_panel_upcoming.html", {"sessions": my_upcoming_sessions(user=user)}))
    panels.extend(approval_panels(user))
    return panels


def my_training(*, user: User, active: list[Module]) -> dict:
    """Modules completed, hours credited and the active modules still required of the user (one query): the
    figures of the person record (`training.selectors.person_record`) without its attendance list."""
    per_module = {
        row["session__module"]: row["hours"]
        for row in Attendance.objects.filter(user=user, completed=True)
        .order_by()
        .values("session__module")
        .annotate(hours=Sum("session__hours_credited"))
    }
    hours = sum((h or Decimal("0") for h in per_module.values()), Decimal("0"))
    outstanding = [m for m in active if m.pk not in per_module and module_required_for_person(module=m, person=user)]
    return {"record": {"completed_count": len(per_module), "hours": hours, "outstanding": outstanding}}


def department_completion(*, user: User, modules: list[Module]) -> CompletionReport:
    """Per department the user manages (all of them for a facilitator), per required module: the active staff it is
    required of and how many of them completed it, as the completion report counts them (two grouped queries:
    people per department and role, completions per department, module and role)."""
    if sees_all_training(user):
        departments = list(Department.objects.filter(is_active=True).order_by("name"))
    else:
        managed = core.managed_department_ids(user)
        departments = sorted((d for d in my_departments(user=user) if d.is_active and d.pk in managed),
                             key=lambda d: d.name)  # fmt: skip
    ids = [d.pk for d in departments]
    staff: dict[int, list] = defaultdict(list)  # department -> [(manager, facilitator, equity team, people)]
    done: dict[tuple, list] = defaultdict(list)  # (department, module) -> [(the flags, people who completed it)]
    if ids and modules:
        membership = User.departments.through.objects.filter(department_id__in=ids, user__is_active=True).order_by()
        for department_id, *row in membership.values_list("department_id", *FLAGS).annotate(n=Count("user_id")):
            staff[department_id].append(row)
        completed = CompletionRollup.objects.filter(
            module_id__in=[m.pk for m in modules], user__is_active=True, user__departments__in=ids
        ).order_by()
        for department_id, module_id, *row in completed.values_list("user__departments", "module_id", *FLAGS).annotate(
            n=Count("pk")
        ):
            done[department_id, module_id].append(row)
    rows = []
    for d in departments:
        cells = []
        for m in modules:
            flag = AUDIENCE[m.required_for]
            required = sum(row[3] for row in staff[d.pk] if flag is None or row[flag])
            finished = sum(row[3] for row in done[d.pk, m.pk] if flag is None or row[flag])
            cells.append(CompletionCell(m, required, finished))
        rows.append(CompletionRow(department=d, staff=sum(row[3] for row in staff[d.pk]), cells=cells))
    return CompletionReport(modules=modules, rows=rows, totals=[], date_from=None, date_to=None, with_names=False)


def my_upcoming_sessions(*, user: User) -> list[Session]:
    """The next sessions the user leads or co-facilitates, with `registered_count` and `waiting_count` (one query)."""
    co_led = Session.co_facilitators.through.objects.filter(facilitator__user=user).values("session_id")
    places = {
        "registered_count": Count("registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)),
        "waiting_count": Count("registrations", filter=Q(registrations__status=Registration.Status.WAITING)),
    }
    return list(
        Session.objects.filter(date__gte=timezone.localdate())
        .filter(Q(lead_facilitator__user=user) | Q(pk__in=co_led))
        .select_related("module")
        .annotate(**places)
        .order_by("date", "start_time", "pk")[:SHOWN]
    )


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
