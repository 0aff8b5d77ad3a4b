"""Reads of the plan page: the whole tree of results and outcomes with their roll-ups, and the first actions of one
outcome (or of the actions linked to none), which the page loads when its reader opens that outcome (ADR 0067)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from equity.models import User
from plans.models import Action, ActionStatus, Indicator, Outcome, Plan
from plans.selectors import ACTION_ROW_FIELDS, STATUS_ORDER, Rollup, action_list_for_user, attention_first

PLAN_PAGE_ACTIONS = 5  # actions an opened outcome (or the unlinked group) shows; the rest are one link away
CANCELLED = ActionStatus.CANCELLED.value


def _figures(actions: Iterable[tuple[str, int | None]], averaged: Iterable[tuple[str, int | None]]) -> dict:
    """The figures `plans.selectors.status_counts` gives (same keys, same values), from (status, percent complete)
    pairs: counts over `actions` (each action once), the average percent over `averaged` (for a result, one pair
    per outcome an action serves, as the report's SQL averages over that join)."""
    counts = dict.fromkeys(STATUS_ORDER, 0)
    reporting = 0
    for status, percent in actions:
        counts[status] = counts.get(status, 0) + 1
        reporting += status != CANCELLED and percent is not None
    percents = [p for s, p in averaged if s != CANCELLED and p is not None]
    row: dict = {f"n_{status}": n for status, n in counts.items()}
    row["n_total"] = sum(n for status, n in counts.items() if status != CANCELLED)
    row["n_reporting"] = reporting
    row["avg_percent"] = sum(percents) / len(percents) if percents else None
    return row


def plan_tree(*, plan: Plan) -> dict:
    """What the plan page shows: results → outcomes, each with its roll-up, the results' indicators, the number of
    actions linked to no outcome and the plan's roll-up. Five queries whatever the plan's size: the roll-ups are
    counted in Python from one row per action and one per (outcome, action) link, cheaper than aggregating with
    COUNT(DISTINCT ...) FILTER per status in SQL, and exactly the same figures (tests compare them)."""
    results = list(
        plan.results.prefetch_related(
            Prefetch("outcomes", queryset=Outcome.objects.select_related("department")),
            Prefetch("indicators", queryset=Indicator.objects.only("name", "direction").order_by("sort_order", "pk")),
        )
    )
    rows = plan.actions.order_by().values_list("pk", "status", "percent_complete")
    actions = {pk: (status, percent) for pk, status, percent in rows}
    outcome_ids = [outcome.pk for result in results for outcome in result.outcomes.all()]
    links = Action.outcomes.through.objects.filter(outcome_id__in=outcome_ids).order_by()
    by_outcome: dict[int, dict[int, tuple[str, int | None]]] = {}
    for outcome_id, action_id, status, percent in links.values_list(
        "outcome_id", "action_id", "action__status", "action__percent_complete"
    ):
        by_outcome.setdefault(outcome_id, {})[action_id] = (status, percent)
    linked: set[int] = set()
    for result in results:
        served: dict[int, tuple[str, int | None]] = {}
        pairs: list[tuple[str, int | None]] = []
        for outcome in result.outcomes.all():
            mine = by_outcome.get(outcome.pk, {})
            outcome.rollup = Rollup.from_row(_figures(mine.values(), mine.values()))
            served.update(mine)
            pairs.extend(mine.values())
        result.rollup = Rollup.from_row(_figures(served.values(), pairs))
        linked.update(served)
    return {
        "results": results,
        "unlinked_total": sum(1 for pk in actions if pk not in linked),
        "rollup": Rollup.from_row(_figures(actions.values(), actions.values())),
    }


def plan_actions_head(
    *,
    user: User,
    plan: Plan,
    outcome: Outcome | None,
    today: date,
    attention: Sequence[str] | None = None,
    size: int = PLAN_PAGE_ACTIONS,
) -> tuple[list[Action], int]:
    """The first `size` actions of an outcome of the plan (of the plan's actions linked to no outcome when
    `outcome` is None), those needing attention first, and how many there are: two queries."""
    linked = Action.outcomes.through.objects.filter(action_id=OuterRef("pk"))
    qs: QuerySet[Action] = action_list_for_user(user=user).filter(plan=plan)
    qs = qs.exclude(Exists(linked)) if outcome is None else qs.filter(Exists(linked.filter(outcome_id=outcome.pk)))
    rows = (
        qs.select_related(None)
        .select_related("lead_department", "accountable")
        .only(*ACTION_ROW_FIELDS)
        .order_by(*attention_first(today=today, attention=attention))
    )
    return list(rows[:size]), qs.count()
