"""City-scale plans data for benchmarks (`manage.py seed_scale`).

At factor 1: 30 plans (29 department plans and a citywide one) with 150 results, 300 outcomes, 600 indicators with
5 years of data for 7 groups, 5,000 actions with 50,000 progress updates, 15,000 milestones, 5,000 performance
measures and 20,000 measure data points. Records and their history rows are bulk-inserted; every plan title starts
with `SCALE_PREFIX`, so `reset()` removes exactly what was made (and whatever was later added under those plans)
with bulk deletes, history rows included.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

from django.db import router
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from bench.scale.core import ScaleCity
from plans.codes import code_sort_key
from plans.models import (
    Action,
    Indicator,
    IndicatorDataPoint,
    MeasureDataPoint,
    Milestone,
    Outcome,
    PerformanceMeasure,
    Plan,
    ProgressUpdate,
    RacialGroup,
    Reminder,
    Result,
    ScaleLevel,
)

SCALE_PREFIX = "[scale] "
RESULTS = [
    ("All residents have stable, affordable housing regardless of race.", Result.Area.COMMUNITY),
    ("Our workforce reflects the community it serves at every level.", Result.Area.WORKFORCE),
    ("City contracts reach businesses owned by people of colour in proportion to their presence.",
     Result.Area.CONTRACTING),
    ("Residents of colour are engaged early and often in the decisions that affect them.", Result.Area.OPERATIONS),
    ("Services are delivered with outcomes that do not differ by race.", Result.Area.COMMUNITY),
]  # fmt: skip
INDICATORS = [
    ("Households paying more than 30% of income on housing", "%", "lower"),
    ("Staff of colour in supervisory roles", "%", "higher"),
    ("Contract dollars to certified minority-owned firms", "%", "higher"),
    ("Residents who say the city listens to them", "%", "higher"),
    ("Median response time for service requests", "days", "lower"),
    ("Youth completing summer employment programmes", "per 1,000", "higher"),
]
ACTION_VERBS = ["Review", "Expand", "Pilot", "Translate", "Train staff on", "Publish data on", "Partner with "
                "community groups on", "Redesign", "Fund", "Evaluate"]  # fmt: skip
ACTION_TOPICS = ["hiring panels", "rental licensing", "park programming", "snow removal routes", "permit fees",
                 "language access", "procurement outreach", "traffic enforcement", "utility shut-off policy",
                 "youth employment", "tenant protections", "public art selection", "emergency notifications",
                 "promotion criteria", "community meetings"]  # fmt: skip
SUMMARIES = [
    "Met with the community advisory group and agreed the next steps; notes are on the shared drive.",
    "Draft policy reviewed by legal; two comments outstanding before it goes to the council study session.",
    "Outreach events held in three neighbourhoods with interpretation in Somali and Spanish.",
    "Data pulled for the last four quarters; disparities by race are larger than expected in two areas.",
    "Staff capacity was limited this quarter because of vacancies; work resumes next month.",
    "Budget request submitted for next year; waiting for the finance review.",
]
BARRIERS = ["", "", "Staff vacancies.", "Waiting on data from the county.", "Budget not yet approved."]
MILESTONES = ["Scope agreed", "Community input gathered", "Recommendation to council", "Implementation complete"]
MEASURE_KINDS = [k.value for k in PerformanceMeasure.Kind]
# The four first are also the statuses of earlier updates (below).
STATUSES = [
    "not_started", "on_track", "at_risk", "off_track", "completed", "in_progress", "ongoing", "not_reported",
    "deferred", "cancelled",
]  # fmt: skip
STATUS_WEIGHTS = [10, 40, 12, 7, 20, 4, 2, 2, 2, 1]
DATA_YEARS = range(2020, 2025)


@contextmanager
def _keep_created_at(*models) -> Iterator[None]:
    """Let bulk inserts keep the `created_at` the seeder chose (dates spread over years), then restore the field."""
    fields = [m._meta.get_field("created_at") for m in models]
    for f in fields:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f in fields:
            f.auto_now_add = True


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def seed(city: ScaleCity) -> str:
    """30 plans, 150 results, 600 indicators x 5 years x 7 groups, 5,000 actions with 50,000 updates (x factor)."""
    rng = city.rng
    groups = list(RacialGroup.objects.filter(is_active=True).order_by("sort_order")[:7])
    by_department: dict[int | None, list] = {}
    for user in city.users:
        by_department.setdefault(city.user_department.get(user.pk), []).append(user)
    owners = city.managers or city.users
    plan_count = city.count(30, 3)
    departments = city.departments[: plan_count - 1]
    plans = []
    for i, department in enumerate(departments):
        start = datetime.date(2019 + i % 6, 1, 1)
        status = (
            Plan.Status.ARCHIVED
            if start.year < 2021
            else rng.choice([Plan.Status.ACTIVE, Plan.Status.ACTIVE, Plan.Status.ADOPTED, Plan.Status.DRAFT])
        )
        plans.append(Plan(
            title=f"{SCALE_PREFIX}{department.name} Racial Equity Action Plan {start.year}–{start.year + 3}",
            scope=Plan.Scope.DEPARTMENT, period_start=start, period_end=datetime.date(start.year + 3, 12, 31),
            status=status, adopted_on=None if status == Plan.Status.DRAFT else datetime.date(start.year, 2, 15),
            adopted_by="" if status == Plan.Status.DRAFT else "City Council resolution",
            owner=rng.choice(owners) if owners else None, is_public=status != Plan.Status.DRAFT,
            narrative=f"This plan sets out how {department.name} will close racial gaps in its services, "
                      "workforce and contracting over four years, with community partners.",
        ))  # fmt: skip
    plans.append(Plan(title=f"{SCALE_PREFIX}Citywide Racial Equity Action Plan 2025–2028", scope=Plan.Scope.CITYWIDE,
                      period_start=datetime.date(2025, 1, 1), period_end=datetime.date(2028, 12, 31),
                      status=Plan.Status.ACTIVE, adopted_on=datetime.date(2025, 2, 3), is_public=True,
                      adopted_by="City Council resolution", owner=owners[0] if owners else None,
                      narrative="The city's shared commitments across every department."))  # fmt: skip
    bulk_create_with_history(plans, Plan, batch_size=500)
    plans = list(Plan.objects.filter(title__startswith=SCALE_PREFIX).order_by("pk"))
    through = Plan.departments.through
    links = [through(plan_id=p.pk, department_id=d.pk) for p, d in zip(plans, departments, strict=False)]
    links += [through(plan_id=plans[-1].pk, department_id=d.pk) for d in city.departments]
    through.objects.bulk_create(links, batch_size=2000)
    plan_department = {p.pk: d for p, d in zip(plans, departments, strict=False)}

    results = [Result(plan=p, statement=text, area=area, sort_order=i,
                      description="Why this matters and who is most affected, in the community's words.")
               for p in plans for i, (text, area) in enumerate(RESULTS)]  # fmt: skip
    bulk_create_with_history(results, Result, batch_size=1000)
    results = list(Result.objects.filter(plan__in=plans).order_by("pk"))
    indicators, users = [], []
    for r in results:
        for j in range(4):
            name, unit, direction = INDICATORS[(r.pk + j) % len(INDICATORS)]
            base = Decimal(rng.randint(10, 80))
            users.append(r)
            indicators.append(Indicator(
                name=name, unit=unit, direction=direction, sort_order=j,
                data_source=rng.choice(["American Community Survey 5-year", "City HR system", "Resident survey"]),
                baseline_value=base, baseline_year=2020, target_year=2028,
                target_value=base + (10 if direction == "higher" else -5),
                story="Gaps narrowed after the 2022 changes but remain wide for Black and Indigenous residents.",
            ))  # fmt: skip
    indicators = bulk_create_with_history(indicators, Indicator, batch_size=1000)
    Indicator.results.through.objects.bulk_create(
        [Indicator.results.through(indicator_id=i.pk, result_id=r.pk) for i, r in zip(indicators, users, strict=True)],
        batch_size=2000,
    )
    points = [
        IndicatorDataPoint(indicator=i, year=year, group=g,
                           value=Decimal(rng.randint(50, 950)) / 10)
        for i in indicators for year in DATA_YEARS for g in groups
    ]  # fmt: skip
    bulk_create_with_history(points, IndicatorDataPoint, batch_size=2000)
    outcomes = [Outcome(result=r, statement=f"Fewer disparities in {rng.choice(ACTION_TOPICS)}", sort_order=k,
                        level=Outcome.Level.JURISDICTION)
                for r in results for k in range(2)]  # fmt: skip
    bulk_create_with_history(outcomes, Outcome, batch_size=1000)
    outcomes_by_plan: dict[int, list[int]] = {}
    for pk, plan_id in Outcome.objects.filter(result__in=results).values_list("pk", "result__plan_id"):
        outcomes_by_plan.setdefault(plan_id, []).append(pk)

    levels: dict[str, list[ScaleLevel | None]] = {"priority": [None], "effort": [None]}
    for level in ScaleLevel.objects.filter(kind__in=levels):
        levels[level.kind].append(level)
    actions = []
    for n in range(city.count(5000, 50)):
        plan = plans[n % len(plans)]
        department = plan_department.get(plan.pk) or rng.choice(city.departments)
        state = rng.choices(STATUSES, weights=STATUS_WEIGHTS)[0]
        start = plan.period_start + datetime.timedelta(days=rng.randint(0, 400))
        staff = by_department.get(department.pk) or city.users
        actions.append(Action(
            plan=plan, title=f"{rng.choice(ACTION_VERBS)} {rng.choice(ACTION_TOPICS)} ({n + 1})",
            description="What we will do, with whom, and how we will know it made a difference for residents.",
            lead_department=department, accountable=rng.choice(staff) if staff else None, status=state,
            percent_complete=100 if state == "completed" else (
                0 if state == "not_started" else None if state == "not_reported" else rng.randint(5, 95)
            ),
            start_date=start, due_date=start + datetime.timedelta(days=rng.randint(90, 1000)),
            completed_on=start + datetime.timedelta(days=rng.randint(60, 900)) if state == "completed" else None,
            priority=rng.choice(levels["priority"]), effort=rng.choice(levels["effort"]), code=f"{n + 1}",
            code_key=code_sort_key(f"{n + 1}"),
            partners=rng.choice(["", "Community advisory group", "School district; county public health"]),
        ))  # fmt: skip
    bulk_create_with_history(actions, Action, batch_size=1000)
    actions = list(Action.objects.filter(plan__in=plans).order_by("pk"))
    action_links = Action.outcomes.through
    action_links.objects.bulk_create(
        [action_links(action_id=a.pk, outcome_id=rng.choice(outcomes_by_plan[a.plan_id])) for a in actions],
        batch_size=2000,
    )

    updates, milestones, measures = [], [], []
    fallback = city.users[0] if city.users else None
    for a in actions:
        started = a.start_date
        assert started is not None  # every scale action has a start date (above)
        previous = "not_started"
        for k in range(10):
            state = a.status if k == 9 else rng.choices(STATUSES[:4], weights=[5, 60, 25, 10])[0]
            day = started + datetime.timedelta(days=30 + 90 * k)
            updates.append(ProgressUpdate(
                action=a, status=state, previous_status=previous, created_at=_aware(day),
                percent_complete=(a.percent_complete or 0) * (k + 1) // 10, summary=rng.choice(SUMMARIES),
                barriers=rng.choice(BARRIERS), next_steps="Report back at the next quarterly check-in.",
                status_reason="" if state == previous else "Progress changed since the last report.",
                author=a.accountable or fallback,
            ))  # fmt: skip
            previous = state
        for k, title in enumerate(MILESTONES[:3]):
            due = started + datetime.timedelta(days=120 * (k + 1))
            milestones.append(
                Milestone(
                    action=a, title=title, due_date=due, done_on=due if a.status == "completed" or k == 0 else None
                )
            )
        measures.append(PerformanceMeasure(action=a, name="People reached, by race", kind=rng.choice(MEASURE_KINDS),
                                           unit="people", baseline_value=Decimal(rng.randint(10, 200)),
                                           target_value=Decimal(rng.randint(200, 500))))  # fmt: skip
    with _keep_created_at(ProgressUpdate):
        bulk_create_with_history(updates, ProgressUpdate, batch_size=2000)
    bulk_create_with_history(milestones, Milestone, batch_size=2000)
    bulk_create_with_history(measures, PerformanceMeasure, batch_size=2000)
    measures = list(PerformanceMeasure.objects.filter(action__plan__in=plans).order_by("pk"))
    measure_points = [
        MeasureDataPoint(measure=m, period_label=f"2024 Q{q}", period_end=datetime.date(2024, 3 * q, 28),
                         value=Decimal(rng.randint(10, 500)))
        for m in measures for q in range(1, 5)
    ]  # fmt: skip
    bulk_create_with_history(measure_points, MeasureDataPoint, batch_size=2000)
    return (
        f"{len(plans)} plans, {len(results)} results, {len(indicators)} indicators ({len(points)} data points), "
        f"{len(actions)} actions, {len(updates)} updates, {len(milestones)} milestones, "
        f"{len(measures)} measures ({len(measure_points)} data points)"
    )


def _raw_delete(queryset) -> int:
    """Delete rows in one statement, without per-row signals (no "deleted" history rows, no cascade collection)."""
    return queryset._raw_delete(router.db_for_write(queryset.model))


def reset() -> None:
    """Remove the scale plans and everything under them with bulk deletes, children first, then their history."""
    plan_ids = list(Plan.objects.filter(title__startswith=SCALE_PREFIX).values_list("pk", flat=True))
    if not plan_ids:
        return
    result_ids = list(Result.objects.filter(plan_id__in=plan_ids).values_list("pk", flat=True))
    action_ids = Action.objects.filter(plan_id__in=plan_ids).values("pk")
    # Rows of other apps that point at these actions (their own scale reset runs first; this catches the rest).
    for relation in Action._meta.related_objects:
        if relation.related_model._meta.app_label != "plans" and not relation.many_to_many:
            relation.related_model._default_manager.filter(**{f"{relation.field.name}__in": action_ids}).delete()
    measure_ids = PerformanceMeasure.objects.filter(action__plan_id__in=plan_ids).values("pk")
    _raw_delete(MeasureDataPoint.objects.filter(measure_id__in=measure_ids))
    for model in (PerformanceMeasure, Milestone, ProgressUpdate, Reminder):
        _raw_delete(model.objects.filter(action_id__in=action_ids))
    _raw_delete(Action.outcomes.through.objects.filter(action_id__in=action_ids))
    _raw_delete(Action.objects.filter(plan_id__in=plan_ids))
    links = Indicator.results.through.objects.filter(result_id__in=result_ids)
    indicator_ids = list(links.values_list("indicator_id", flat=True).distinct())
    _raw_delete(IndicatorDataPoint.objects.filter(indicator_id__in=indicator_ids))
    _raw_delete(links)
    _raw_delete(Indicator.groups.through.objects.filter(indicator_id__in=indicator_ids))
    _raw_delete(Indicator.objects.filter(pk__in=indicator_ids))
    _raw_delete(Outcome.objects.filter(result_id__in=result_ids))
    _raw_delete(Result.objects.filter(pk__in=result_ids))
    _raw_delete(Plan.departments.through.objects.filter(plan_id__in=plan_ids))
    _raw_delete(Plan.objects.filter(pk__in=plan_ids))

    history_action_ids = Action.history.filter(plan_id__in=plan_ids).values("id")
    history_measure_ids = PerformanceMeasure.history.filter(action_id__in=history_action_ids).values("id")
    MeasureDataPoint.history.filter(measure_id__in=history_measure_ids).delete()
    for model in (PerformanceMeasure, Milestone, ProgressUpdate, Reminder):
        model.history.filter(action_id__in=history_action_ids).delete()
    IndicatorDataPoint.history.filter(indicator_id__in=indicator_ids).delete()
    for m2m_history in (Indicator.history.model.results.model, Indicator.history.model.groups.model):
        m2m_history.objects.filter(indicator_id__in=indicator_ids).delete()
    Indicator.history.filter(id__in=indicator_ids).delete()
    Outcome.history.filter(result_id__in=result_ids).delete()
    Action.history.filter(plan_id__in=plan_ids).delete()  # its m2m history rows go with it
    Result.history.filter(plan_id__in=plan_ids).delete()
    Plan.history.filter(id__in=plan_ids).delete()
