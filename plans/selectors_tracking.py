"""Reads for following actions up: the person's own actions, the dashboard's head of them, and a department's
tracking view (overdue, at risk, off track, no update this period) with the dashboard's counts of it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.utils import timezone

from equity.models import User
from equity.permissions import managed_department_ids
from plans.models import (
    Action,
    ActionStatus,
    Plan,
    ProgressUpdate,
    ReportingPeriod,
)
from plans.models.actions import CLOSED_STATUSES, NO_END_STATUSES
from plans.selectors import action_list_for_user, attention_first


def action_page_list(*, user: User) -> QuerySet[Action]:
    """Readable actions with what list pages show: the latest update's time."""
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-created_at")
    return action_list_for_user(user=user).annotate(last_update_at=Subquery(latest.values("created_at")[:1]))


def my_actions(*, user: User) -> QuerySet[Action]:
    """Actions the user is accountable for, open ones first by due date."""
    return action_page_list(user=user).filter(accountable=user).order_by("completed_on", "due_date", "pk")


def my_open_actions_head(
    *, user: User, size: int, today: date | None = None, attention: Sequence[str] | None = None
) -> tuple[Sequence[Action], int]:
    """The first `size` of the user's open actions, needing attention first (`attention_first`), and how many there
    are, in one query (the total is a window count, taken before the LIMIT); without the list columns (plan,
    department, last update) the dashboard does not show."""
    head = list(
        action_list_for_user(user=user)
        .select_related(None)
        .only("pk", "title", "status", "due_date")  # what plans/_panel_my_actions.html shows
        .filter(accountable=user)
        .exclude(status__in=CLOSED_STATUSES)
        .annotate(open_total=Window(Count("pk")))
        .order_by(*attention_first(today=today or timezone.localdate(), attention=attention))[:size]
    )
    return head, head[0].open_total if head else 0


def tracking_filters(*, today: date, period: ReportingPeriod | None) -> dict[str, Q]:
    """The department view's categories as filters: overdue, at risk, off track, no update this period."""
    open_ = ~Q(status__in=CLOSED_STATUSES)
    filters = {
        "overdue": open_ & ~Q(status__in=NO_END_STATUSES) & Q(due_date__lt=today),
        "at_risk": Q(status=ActionStatus.AT_RISK),
        "off_track": Q(status=ActionStatus.OFF_TRACK),
    }
    if period is not None:
        has_update = Exists(ProgressUpdate.objects.filter(action=OuterRef("pk"), period=period))
        filters["no_update"] = open_ & ~Q(has_update)
    return filters


def department_tracking(
    *, user: User, department, today: date, period: ReportingPeriod | None, attention: Sequence[str] | None = None
) -> dict:
    """Counts per category (one query) and the flagged actions of one department's active/adopted plans, needing
    attention first (`attention_first`)."""
    base = action_page_list(user=user).filter(
        lead_department=department, plan__status__in=[Plan.Status.ADOPTED, Plan.Status.ACTIVE]
    )
    filters = tracking_filters(today=today, period=period)
    counts = base.aggregate(**{key: Count("pk", filter=q) for key, q in filters.items()})
    flagged = Q()
    for q in filters.values():
        flagged |= q
    ordered = base.filter(flagged).order_by(*attention_first(today=today, attention=attention))
    return {"counts": counts, "actions": ordered if filters else base.none()}


def attention_counts_for_user(*, user: User, today: date, period: ReportingPeriod | None) -> dict[str, int]:
    """The dashboard's attention panel: `department_tracking`'s counts (`tracking_filters`: overdue, at risk, off
    track, no update this period) over the actions the departments the user manages lead in adopted and active
    plans, from one query grouped by status: two conditional counts to build instead of four. Everyone may read the
    actions of adopted and active plans (`plans.selectors.plan_list_for_user` hides drafts only), so the
    readable-actions filter is left out: it would add nothing but its cost (tests/plans/test_dashboard_panels.py
    compares both per persona)."""
    base = Action.objects.filter(
        lead_department__in=managed_department_ids(user), plan__status__in=[Plan.Status.ADOPTED, Plan.Status.ACTIVE]
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
