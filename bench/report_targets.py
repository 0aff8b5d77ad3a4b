"""Large throwaway targets for `manage.py bench_report`, by report kind (each is built inside a transaction that the
command rolls back): a plan of 250 actions for the plan progress report, a department of 1,500 people for the roster."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.db.models import Model

from equity.models import Department, User
from plans.models import (
    Action,
    ActionStatus,
    Indicator,
    IndicatorDataPoint,
    Milestone,
    Outcome,
    PerformanceMeasure,
    Plan,
    ProgressUpdate,
    RacialGroup,
    Result,
)


def bench_plan(user: User) -> Plan:
    """A large plan for the benchmark: 250 actions, 10 indicators with 5 years of data for 6 groups."""
    departments = [Department.objects.create(name=f"Benchmark department {n}", code=f"BD{n}") for n in range(5)]
    groups = [
        RacialGroup.objects.create(name=f"{name} (benchmark)", code=f"bench-{n}", sort_order=900 + n, is_total=n == 0)
        for n, name in enumerate(["All residents", "Asian", "Black", "Hispanic or Latino", "Native American", "White"])
    ]
    plan = Plan.objects.create(
        title="Benchmark plan: racial equity action plan 2025-2029",
        period_start=date(2025, 1, 1),
        period_end=date(2029, 12, 31),
        status=Plan.Status.ACTIVE,
        owner=user,
        narrative="The city commits to closing racial gaps in housing, jobs, health and city services. " * 6,
    )
    plan.departments.set(departments)
    results = Result.objects.bulk_create(
        Result(plan=plan, statement=f"Result {n}: all residents thrive in area {n}", sort_order=n) for n in range(5)
    )
    outcomes = Outcome.objects.bulk_create(
        Outcome(result=r, statement=f"Outcome {r.sort_order}.{k}", sort_order=k) for r in results for k in range(2)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            name=f"Indicator {r.sort_order}.{k}", unit="%", direction=Indicator.Direction.HIGHER,
            baseline_value=50, baseline_year=2020, target_value=70, target_year=2029, sort_order=k,
            story="Root causes include historic redlining, exclusionary zoning and unequal access to credit. " * 4,
        )
        for r in results for k in range(2)
    )  # fmt: skip
    Indicator.results.through.objects.bulk_create(
        Indicator.results.through(indicator_id=i.pk, result_id=results[n // 2].pk) for n, i in enumerate(indicators)
    )
    IndicatorDataPoint.objects.bulk_create(
        IndicatorDataPoint(indicator=i, year=2020 + y, group=g, value=40 + 3 * y + 5 * n)
        for i in indicators for y in range(5) for n, g in enumerate(groups)
    )  # fmt: skip
    statuses = [s.value for s in ActionStatus]
    actions = Action.objects.bulk_create(
        Action(
            plan=plan, title=f"Action {n}: improve equitable access to city service {n}",
            description="Work with community partners to remove barriers and track results by race. " * 2,
            lead_department=departments[n % 5], accountable=user, status=statuses[n % 5],
            percent_complete=(n * 7) % 101, start_date=date(2025, 3, 1), due_date=date(2026, 1, 1) + timedelta(days=n),
        )
        for n in range(250)
    )  # fmt: skip
    Action.outcomes.through.objects.bulk_create(
        Action.outcomes.through(action=a, outcome=outcomes[n % len(outcomes)]) for n, a in enumerate(actions)
    )
    Milestone.objects.bulk_create(
        Milestone(action=a, title=f"Milestone {k} of {a.title[:20]}", due_date=date(2026, 6, 1) + timedelta(days=k))
        for a in actions for k in range(2)
    )  # fmt: skip
    PerformanceMeasure.objects.bulk_create(
        PerformanceMeasure(action=a, name="People served", kind=PerformanceMeasure.Kind.HOW_MUCH, unit="people",
                           baseline_value=100, target_value=200)
        for a in actions
    )  # fmt: skip
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(action=a, status=a.status, previous_status="not_started", percent_complete=a.percent_complete,
                       summary="Met with partners; the pilot is running in two neighborhoods.", author=user)
        for a in actions
    )  # fmt: skip
    return plan


def bench_department(user: User) -> Department:
    """A department of 1,500 people, for the benchmark."""
    department = Department.objects.create(name="Benchmark Department", code="BENCH")
    people = User.objects.bulk_create(
        User(
            username=f"bench{n}",
            email=f"bench{n}@example.org",
            full_name=f"Benchmark Person {n:04d}",
            job_title="Analyst",
            is_manager=n % 10 == 0,
        )
        for n in range(1500)
    )
    department.members.add(*people)
    return department


# Report kind code -> builder of a large target for it.
BENCH_TARGETS: dict[str, Callable[[User], Model]] = {
    "plan_progress": bench_plan,
    "department_roster": bench_department,
}
