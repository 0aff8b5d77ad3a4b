"""City-scale plans data for benchmarks (`manage.py seed_scale`): a plan per department plus a citywide plan.

Records are bulk-inserted with their history rows; every plan title starts with `SCALE_PREFIX` so `reset()` removes
exactly what was made (its results, indicators, actions and updates go with it).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from equity.scale import ScaleCity
from plans.models import (
    Action,
    ActionStatus,
    Indicator,
    IndicatorDataPoint,
    Outcome,
    Plan,
    ProgressUpdate,
    RacialGroup,
    Result,
)

SCALE_PREFIX = "[scale] "
STATUSES = [s.value for s in ActionStatus]


def seed(city: ScaleCity) -> str:
    """About 41 plans, 250 indicators with data by group, 1,000 actions and 4,000 updates at factor 1."""
    rng = city.rng
    groups = list(RacialGroup.objects.filter(is_active=True)[:7])
    start, end = datetime.date(2025, 1, 1), datetime.date(2028, 12, 31)
    plans = [
        Plan(title=f"{SCALE_PREFIX}{d.name} plan", scope=Plan.Scope.DEPARTMENT, period_start=start, period_end=end,
             status=rng.choice([Plan.Status.ACTIVE, Plan.Status.ADOPTED, Plan.Status.DRAFT]),
             adopted_on=datetime.date(2025, 2, 1))
        for d in city.departments
    ]  # fmt: skip
    plans.append(Plan(title=f"{SCALE_PREFIX}Citywide plan", scope=Plan.Scope.CITYWIDE, period_start=start,
                      period_end=end, status=Plan.Status.ACTIVE, adopted_on=datetime.date(2025, 2, 1)))  # fmt: skip
    bulk_create_with_history(plans, Plan, batch_size=500)
    plans = list(Plan.objects.filter(title__startswith=SCALE_PREFIX).order_by("pk"))
    through = Plan.departments.through
    links = [through(plan_id=p.pk, department_id=d.pk) for p, d in zip(plans, city.departments, strict=False)]
    links += [through(plan_id=plans[-1].pk, department_id=d.pk) for d in city.departments]
    through.objects.bulk_create(links, batch_size=2000)

    results = [Result(plan=p, statement=f"Result {i + 1} of {p.title}", sort_order=i) for p in plans for i in range(3)]
    bulk_create_with_history(results, Result, batch_size=1000)
    results = list(Result.objects.filter(plan__in=plans).order_by("pk"))
    per_result = max(1, round(2 * city.factor))
    indicators = [
        Indicator(result=r, name=f"Indicator {j + 1}", direction=rng.choice(["higher", "lower"]), unit="%",
                  baseline_value=Decimal(50), baseline_year=2019, target_value=Decimal(60), target_year=2028)
        for r in results for j in range(per_result)
    ]  # fmt: skip
    bulk_create_with_history(indicators, Indicator, batch_size=1000)
    indicators = list(Indicator.objects.filter(result__in=results))
    points = [
        IndicatorDataPoint(indicator=i, year=year, group=g, value=Decimal(rng.randint(5, 95)))
        for i in indicators for year in range(2019, 2025) for g in groups
    ]  # fmt: skip
    bulk_create_with_history(points, IndicatorDataPoint, batch_size=2000)
    outcomes = [Outcome(result=r, statement=f"Outcome {k + 1}", sort_order=k) for r in results for k in range(2)]
    bulk_create_with_history(outcomes, Outcome, batch_size=1000)
    outcomes_by_plan: dict[int, list[Outcome]] = {}
    for outcome in Outcome.objects.filter(result__in=results).select_related("result"):
        outcomes_by_plan.setdefault(outcome.result.plan_id, []).append(outcome)

    people = city.users or []
    actions = []
    total = city.count(1000, 40)
    for n in range(total):
        plan = plans[n % len(plans)]
        department = city.departments[n % len(city.departments)]
        status = rng.choice(STATUSES)
        actions.append(
            Action(plan=plan, title=f"Scale action {n}", lead_department=department,
                   accountable=rng.choice(people) if people else None, status=status,
                   percent_complete=100 if status == "completed" else rng.randint(0, 90),
                   start_date=start, due_date=start + datetime.timedelta(days=rng.randint(100, 1400)))
        )  # fmt: skip
    bulk_create_with_history(actions, Action, batch_size=1000)
    actions = list(Action.objects.filter(plan__in=plans).order_by("pk"))
    action_links = Action.outcomes.through
    action_links.objects.bulk_create(
        [action_links(action_id=a.pk, outcome_id=rng.choice(outcomes_by_plan[a.plan_id]).pk) for a in actions],
        batch_size=2000,
    )
    updates = [
        ProgressUpdate(action=a, status=a.status, previous_status=a.status, percent_complete=a.percent_complete,
                       summary="Quarterly progress.", author=a.accountable or people[0])
        for a in actions if people for _ in range(4)
    ]  # fmt: skip
    bulk_create_with_history(updates, ProgressUpdate, batch_size=2000)
    return f"{len(plans)} plans, {len(indicators)} indicators, {len(actions)} actions, {len(updates)} updates"


def reset() -> None:
    """Remove the scale plans and everything under them."""
    for plan in Plan.objects.filter(title__startswith=SCALE_PREFIX):
        plan.delete()
