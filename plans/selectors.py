"""Reads of the plans app. Every queryset a view uses starts from one of the `..._for_user` selectors here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import OrderBy
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from equity.cached_reads import cached_read
from equity.i18n.numbers import percent_format
from equity.models import Department, User
from equity.permissions import department_ids, is_equity_team
from plans.models import (
    Action,
    ActionFollow,
    ActionStatus,
    Indicator,
    Milestone,
    Outcome,
    PerformanceMeasure,
    Plan,
    PlanImport,
    ProgressUpdate,
    ReportingPeriod,
)
from plans.models.actions import CLOSED_STATUSES, NO_END_STATUSES
from plans.models.imports import PENDING_IMPORT_LIFETIME
from plans.status import attention_statuses

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def plan_list_for_user(*, user: User) -> QuerySet[Plan]:
    """Plans the user may read: every non-draft plan; drafts only for their departments' members and the equity team."""
    qs = Plan.objects.select_related("owner")
    if not user.is_authenticated:
        return qs.none()
    if is_equity_team(user):
        return qs
    return qs.filter(_readable_plan(user=user))


def _readable_plan(*, user: User, via: str = "") -> Q:
    """`plan_list_for_user`'s rule for a signed-in person outside the equity team, as a condition on a plan, or
    with `via="plan__"` on the plan of the rows queried (an action's): not a draft, owned by them, or of one of their
    departments."""
    in_my_departments = Exists(
        Plan.departments.through.objects.filter(plan_id=OuterRef(f"{via}pk"), department_id__in=department_ids(user))
    )
    return ~Q(**{f"{via}status": Plan.Status.DRAFT}) | Q(**{f"{via}owner": user}) | Q(in_my_departments)


def action_list_for_user(*, user: User) -> QuerySet[Action]:
    """Actions the user may read: those of plans they may read, and those their departments co-lead (even in a draft
    plan of another department). One query whatever the numbers: the co-lead test is an EXISTS."""
    qs = Action.objects.select_related("plan", "lead_department", "accountable")
    if not user.is_authenticated:
        return qs.none()
    if is_equity_team(user):
        return qs  # every plan is readable to the equity team (`plan_list_for_user`)
    co_led = Exists(
        Action.co_lead_departments.through.objects.filter(
            action_id=OuterRef("pk"), department_id__in=department_ids(user)
        )
    )
    # The rule on the action's own plan (the join select_related makes anyway) rather than `plan__in` a subquery of
    # readable plans: the same rows, and the database no longer builds the list of readable plans for every action
    # (a page of a plan's actions for a staff member at city scale: 2.0 ms -> 0.22 ms to execute, docs/performance).
    return qs.filter(_readable_plan(user=user, via="plan__") | co_led)


# An action's number of progress updates, as a column of its row (built once: a query resolves a copy of it).
UPDATE_COUNT = Coalesce(
    Subquery(
        ProgressUpdate.objects.filter(action=OuterRef("pk"))
        .order_by()
        .values("action")
        .annotate(n=Count("pk"))
        .values("n")
    ),
    0,
)


def action_page_list_for_user(*, user: User) -> QuerySet[Action]:
    """Actions the user may read (`action_list_for_user`) with what the action page shows beside each in the same
    query: its number of progress updates (`update_count`: the timeline's pages, no COUNT query of their own) and
    whether the user follows it (`is_followed`). Its scale levels are not joined: their labels come from
    `selectors_structure.action_scale_labels`."""
    return action_list_for_user(user=user).annotate(
        update_count=UPDATE_COUNT,
        is_followed=Exists(ActionFollow.objects.filter(action=OuterRef("pk"), user_id=user.pk)),
    )


def pending_plan_import_for_user(*, user: User, plan: Plan) -> QuerySet[PlanImport]:
    """The user's own spreadsheet upload into this plan waiting to be applied, unless older than a day."""
    cutoff = timezone.now() - PENDING_IMPORT_LIFETIME
    return PlanImport.objects.filter(plan=plan, uploaded_by=user, created_at__gte=cutoff).select_related("plan")


def update_list_for_user(*, user: User) -> QuerySet[ProgressUpdate]:
    """Progress updates on actions the user may read."""
    return ProgressUpdate.objects.select_related("author", "reviewed_by", "period").filter(
        action__in=action_list_for_user(user=user).values("pk")
    )


def action_update_list(*, action: Action) -> QuerySet[ProgressUpdate]:
    """The progress updates of an action the user was already allowed to read (it came from `action_list_for_user`),
    newest first, with what the timeline shows: authors, period, the corrected update's time and each update's
    correction (`update.correction`, with its author), in one query."""
    names = {role: [f"{role}__{name}" for name in User.NAME_FIELDS] for role in ("author", "reviewed_by")}
    corrector = [f"correction__author__{name}" for name in User.NAME_FIELDS]
    shown = [f.name for f in ProgressUpdate._meta.concrete_fields if f.name != "updated_at"]
    return (
        ProgressUpdate.objects.filter(action=action)
        .select_related("author", "reviewed_by", "period", "correction__author")
        # Of the people, their names (not 22 columns each); of the correction, when and by whom.
        .only(*shown, *names["author"], *names["reviewed_by"], "period__name", "correction__created_at", *corrector)
        .annotate(supersedes_at=F("supersedes__created_at"))
        .order_by("-created_at", "-pk")
    )


def reporting_period_list_for_user(*, user: User) -> QuerySet[ReportingPeriod]:
    """Reporting periods are city-wide and readable by every signed-in person."""
    if not user.is_authenticated:
        return ReportingPeriod.objects.none()
    return ReportingPeriod.objects.all()


@cached_read("plans.current_period")
def current_reporting_period() -> ReportingPeriod | None:
    """The open period with the nearest due date (the one updates are owed for now), if any (one query, or the shared
    cache: equity.cached_reads)."""
    return ReportingPeriod.objects.filter(is_open=True).order_by("due_date", "pk").first()


STATUS_ORDER = [s.value for s in ActionStatus]
COUNTED = ~Q(status=ActionStatus.CANCELLED)  # cancelled actions are left out of every roll-up


def status_counts(prefix: str = "", *, where: Q | None = None) -> dict:
    """Aggregate expressions: number of actions in total (cancelled ones left out) and in each status, how many of
    them report a percent complete, and the average of those percents (of the actions matching `where` only)."""
    field = f"{prefix}pk" if not prefix else f"{prefix}__pk"
    status = f"{prefix}__status" if prefix else "status"
    percent = f"{prefix}__percent_complete" if prefix else "percent_complete"
    counted = ~Q(**{status: ActionStatus.CANCELLED})
    if where is not None:
        counted &= where
    reporting = counted & Q(**{f"{percent}__isnull": False})
    exprs = {
        "n_total": Count(field, filter=counted, distinct=True),
        "n_reporting": Count(field, filter=reporting, distinct=True),
        "avg_percent": Avg(percent, filter=reporting),
    }
    for value in STATUS_ORDER:
        in_status = Q(**{status: value})
        exprs[f"n_{value}"] = Count(field, filter=in_status if where is None else in_status & where, distinct=True)
    return exprs


@dataclass(frozen=True)
class Rollup:
    """Actions by status and the average percent complete of those that report one, for one level of the tree.
    Cancelled actions are not in `total`, the shares or the average; `cancelled` says how many there are."""

    total: int
    by_status: list[tuple[str, StrOrPromise, int, int]]  # status value, label, count, share in whole percent
    avg_percent: int | None
    reporting: int = 0
    cancelled: int = 0

    @property
    def not_reported(self) -> int:
        return self.total - self.reporting

    @property
    def percent_text(self) -> str:
        """The average percent complete with how many actions it covers: "16% average of 7 reporting; 5 not
        reported" (the average is only of the actions that report a percent; the sign placed per language)."""
        if not self.reporting:
            return ngettext(
                "no percent complete reported; %(n)s action not reported",
                "no percent complete reported; %(n)s actions not reported",
                self.total,
            ) % {"n": self.total}
        return _("%(p)s average of %(n)s reporting; %(m)s not reported") % {
            "p": percent_format(self.avg_percent),
            "n": self.reporting,
            "m": self.not_reported,
        }

    @classmethod
    def from_row(cls, row) -> Rollup:
        get = row.get if isinstance(row, dict) else (lambda k, d=None: getattr(row, k, d))
        total = get("n_total") or 0
        by_status: list[tuple[str, StrOrPromise, int, int]] = []
        for status in ActionStatus:
            if status == ActionStatus.CANCELLED:
                continue
            count = get(f"n_{status.value}") or 0
            by_status.append((status.value, status.label, count, round(100 * count / total) if total else 0))
        avg = get("avg_percent")
        return cls(
            total=total,
            by_status=by_status,
            avg_percent=None if avg is None else round(avg),
            reporting=get("n_reporting") or 0,
            cancelled=get(f"n_{ActionStatus.CANCELLED}") or 0,
        )


def _plan_action_figure(aggregate) -> Coalesce | Subquery:
    """One aggregate over a plan's actions as a correlated subquery of the plan row (uses the action's plan index)."""
    per_plan = Action.objects.filter(plan=OuterRef("pk")).order_by().values("plan")
    figure = Subquery(per_plan.annotate(value=aggregate).values("value"))
    return figure if isinstance(aggregate, Avg) else Coalesce(figure, 0)


def plan_page_list(*, user: User, search: str = "", status: str = "", department=None, year=None) -> QuerySet[Plan]:
    """Plans for the list page, filtered, with the roll-up a row shows (actions, at risk, off track, average percent)
    computed in the database. Correlated subqueries rather than a join + GROUP BY: the database works out only the
    rows of the page (after ORDER BY ... LIMIT), not every action of every visible plan, and the page count stays a
    plain COUNT of plans."""
    qs = plan_list_for_user(user=user).prefetch_related(
        Prefetch("departments", queryset=Department.objects.only("code"))
    )
    if search:
        qs = qs.filter(title__icontains=search)
    if status:
        qs = qs.filter(status=status)
    if department is not None:
        qs = qs.filter(departments=department)
    if year:
        qs = qs.filter(period_start__year__lte=year, period_end__year__gte=year)
    return qs.annotate(
        n_total=_plan_action_figure(Count("pk", filter=COUNTED)),
        n_at_risk=_plan_action_figure(Count("status", filter=Q(status=ActionStatus.AT_RISK))),
        n_off_track=_plan_action_figure(Count("status", filter=Q(status=ActionStatus.OFF_TRACK))),
        n_reporting=_plan_action_figure(Count("percent_complete", filter=COUNTED)),
        avg_percent=_plan_action_figure(Avg("percent_complete", filter=COUNTED)),
    ).order_by("-period_start", "title", "pk")


def attention_first(*, today: date, attention: Sequence[str] | None = None) -> list:
    """THE "needing attention first" order of actions, used by every list that puts them so (plan page, actions
    list, tracking, dashboard, plan PDF): actions in a status the legend marks as needing attention (by default off
    track, then at risk), in legend order; then overdue ones; then those due within PLANS_DUE_SOON_DAYS (default
    30); then the rest; each group by due date (none last). Completed and cancelled actions are never overdue or due
    soon, nor ongoing ones (they have no end); cancelled ones come last. `attention` is the legend's list of
    statuses needing attention (`plans.status.attention_statuses()`, from the cached legend, when not given)."""
    if attention is None:
        attention = attention_statuses()
    soon = today + timedelta(days=getattr(settings, "PLANS_DUE_SOON_DAYS", 30))
    may_be_late = ~Q(status__in=[*CLOSED_STATUSES, *NO_END_STATUSES])
    whens = [When(status=value, then=Value(rank)) for rank, value in enumerate(attention)]
    base = len(whens)
    whens += [
        When(may_be_late & Q(due_date__lt=today), then=Value(base)),
        When(may_be_late & Q(due_date__lte=soon), then=Value(base + 1)),
        When(status=ActionStatus.CANCELLED, then=Value(base + 3)),
    ]
    rank = Case(*whens, default=Value(base + 2), output_field=IntegerField())
    return [rank.asc(), F("due_date").asc(nulls_last=True), "pk"]


# What an action row of a table shows (plans/_action_table.html): loading only these keeps long tables cheap.
ACTION_ROW_FIELDS = (
    "plan_id", "code", "title", "timeline", "due_date", "status", "percent_complete", "lead_department__code",
    "accountable__preferred_name", "accountable__full_name", "accountable__username",
)  # fmt: skip


def plan_report_tree(
    *,
    plan: Plan,
    period: ReportingPeriod | None = None,
    department=None,
    today: date | None = None,
    attention: Sequence[str] | None = None,
) -> dict:
    """What the plan progress report shows: the plan page's results with their roll-ups (`status_counts`, limited to
    the actions `department` leads, if given), outcomes and indicators; every such action with its milestones,
    measures and latest update in `period`, under the result of its first outcome (the rest `unlinked_actions`);
    and the plan's roll-up. A fixed number of queries whatever the plan's size."""
    actions = Action.objects.filter(plan=plan)
    if department is not None:
        actions = actions.filter(lead_department=department)
    updates = ProgressUpdate.objects.filter(action=OuterRef("pk"))
    updates = updates.filter(correction__isnull=True)
    if period is not None:
        updates = updates.filter(
            Q(period=period) | Q(period__isnull=True, created_at__date__range=(period.start_date, period.end_date))
        )
    action_rows = list(
        actions.select_related("lead_department", "accountable")
        .annotate(
            latest_update_id=Subquery(
                updates.order_by(F("as_of").desc(nulls_last=True), "-created_at", "-pk").values("pk")[:1]
            )
        )
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "pk")),
            Prefetch("measures", queryset=PerformanceMeasure.objects.order_by("pk")),
            Prefetch(
                "outcomes",
                queryset=Outcome.objects.select_related("result").order_by("result__code_key", "result__sort_order"),
            ),
            Prefetch("co_lead_departments", queryset=Department.objects.order_by("name")),
        )
        .order_by(*attention_first(today=today or timezone.localdate(), attention=attention))
    )
    latest = ProgressUpdate.objects.select_related("author", "period").in_bulk(
        [a.latest_update_id for a in action_rows if a.latest_update_id]
    )
    led = Q(outcomes__actions__lead_department=department) if department is not None else None
    results = list(
        plan.results.order_by("code_key", "sort_order", "pk")
        .annotate(**status_counts("outcomes__actions", where=led))
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("sort_order", "pk")),
            Prefetch("outcomes", queryset=Outcome.objects.order_by("code_key", "sort_order", "pk")),
        )
    )
    by_result: dict[int | None, list[Action]] = {r.pk: [] for r in results}
    by_result[None] = []
    for action in action_rows:
        action.latest_update = latest.get(action.latest_update_id)
        outcomes = list(action.outcomes.all())
        by_result.setdefault(outcomes[0].result_id if outcomes else None, []).append(action)
    for result in results:
        result.rollup = Rollup.from_row(result)
        result.report_actions = by_result.get(result.pk, [])
    return {
        "results": results,
        "unlinked_actions": by_result[None],
        "rollup": Rollup.from_row(actions.aggregate(**status_counts())),
    }


ACTION_SORTS: dict[str, list[str | OrderBy]] = {
    "code": ["code_key", F("due_date").asc(nulls_last=True), "pk"],
    "-code": [F("code_key").desc(), "-pk"],
    "due": [F("due_date").asc(nulls_last=True), "pk"],
    "-due": [F("due_date").desc(nulls_last=True), "-pk"],
}
UNLINKED = "none"  # the outcome filter's value for actions not linked to any outcome


def plan_action_list(
    *,
    user: User,
    plan: Plan,
    outcome: str = "",
    status: str = "",
    department=None,
    search: str = "",
    sort: str = "due",
    today: date | None = None,
    attention: Sequence[str] | None = None,
) -> QuerySet[Action]:
    """One plan's readable actions for the paginated actions page: filtered by outcome (or `none` for unlinked),
    status, lead department and title, sorted by due date or needing-attention first (`attention`). Each action
    carries only what a row shows (`ACTION_ROW_FIELDS`, plans_rows.action_cells) and the version the bulk
    edit checks."""
    qs = (
        action_list_for_user(user=user)
        .filter(plan=plan)
        .select_related(None)
        .select_related("lead_department", "accountable")
        .only(*ACTION_ROW_FIELDS, "version")
        .prefetch_related(Prefetch("outcomes", queryset=Outcome.objects.order_by(*Outcome.ORDER_IN_A_PLAN)))
    )
    if outcome == UNLINKED:
        qs = qs.exclude(Exists(Action.outcomes.through.objects.filter(action_id=OuterRef("pk"))))
    elif outcome:
        qs = qs.filter(Exists(Action.outcomes.through.objects.filter(action_id=OuterRef("pk"), outcome_id=outcome)))
    if status:
        qs = qs.filter(status=status)
    if department is not None:
        qs = qs.filter(lead_department=department)
    if search:
        qs = qs.filter(title__icontains=search)
    if sort == "attention" and today is not None:
        return qs.order_by(*attention_first(today=today, attention=attention))
    return qs.order_by(*ACTION_SORTS.get(sort, ACTION_SORTS["due"]))
