"""Reads of the plans app. Every queryset a view uses starts from one of the `..._for_user` selectors here."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from equity.models import User
from equity.permissions import department_ids, is_equity_team
from plans.models import Action, Indicator, Plan, ProgressUpdate, ReportingPeriod


def plan_list_for_user(*, user: User) -> QuerySet[Plan]:
    """Plans the user may read: every non-draft plan; drafts only for their departments' members and the equity team."""
    qs = Plan.objects.select_related("owner")
    if not user.is_authenticated:
        return qs.none()
    if is_equity_team(user):
        return qs
    in_my_departments = Exists(
        Plan.departments.through.objects.filter(plan_id=OuterRef("pk"), department_id__in=department_ids(user))
    )
    return qs.filter(~Q(status=Plan.Status.DRAFT) | Q(owner=user) | in_my_departments)


def action_list_for_user(*, user: User) -> QuerySet[Action]:
    """Actions the user may read: those of plans they may read."""
    visible_plans = plan_list_for_user(user=user).values("pk")
    return Action.objects.select_related("plan", "lead_department", "accountable").filter(plan__in=visible_plans)


def indicator_list_for_user(*, user: User) -> QuerySet[Indicator]:
    """Indicators of plans the user may read."""
    visible_plans = plan_list_for_user(user=user).values("pk")
    return Indicator.objects.select_related("result__plan").filter(result__plan__in=visible_plans)


def update_list_for_user(*, user: User) -> QuerySet[ProgressUpdate]:
    """Progress updates on actions the user may read."""
    return ProgressUpdate.objects.select_related("author", "reviewed_by", "period").filter(
        action__in=action_list_for_user(user=user).values("pk")
    )


def reporting_period_list_for_user(*, user: User) -> QuerySet[ReportingPeriod]:
    """Reporting periods are city-wide and readable by every signed-in person."""
    if not user.is_authenticated:
        return ReportingPeriod.objects.none()
    return ReportingPeriod.objects.all()


def current_reporting_period() -> ReportingPeriod | None:
    """The open period with the nearest due date (the one updates are owed for now), if any."""
    return ReportingPeriod.objects.filter(is_open=True).order_by("due_date", "pk").first()
