"""Query budgets: every plans list and detail page runs the same number of queries at two data sizes."""

import pytest
from django.urls import reverse

from plans.models import Action, ActionLink, RacialGroup, ScaleLevel
from tests.factories import DepartmentFactory
from tests.plans.factories import (
    ActionFactory,
    DataPointFactory,
    IndicatorFactory,
    MeasureFactory,
    MeasurePointFactory,
    MilestoneFactory,
    OutcomeFactory,
    PeriodFactory,
    PlanFactory,
    ResultFactory,
    UpdateFactory,
)
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _grow_plan(personas, world):
    codes = iter(range(1, 100))

    def grow():
        for _ in range(3):
            n = next(codes)
            result = ResultFactory(plan=world.plan, code=f"{n}")
            outcome = OutcomeFactory(result=result, code=f"{n}.1")
            IndicatorFactory(result=result)
            for k in range(3):
                action = ActionFactory(
                    plan=world.plan,
                    lead_department=personas.dept,
                    accountable=personas.staff,
                    code=f"{n}.1.{k}",
                    timeline="FY2026 Q2",
                )
                action.outcomes.add(outcome)
                action.co_lead_departments.add(personas.other_dept)
                UpdateFactory(action=action, author=personas.manager)
            ActionFactory(plan=world.plan, lead_department=personas.other_dept)
        for _ in range(3):
            PlanFactory(departments=[personas.dept, personas.other_dept])

    return grow


# The first actions of an outcome, opened on the plan page: the sign-in's queries, the plan, the outcome, the status
# legend, the actions and their number.
PLAN_OUTCOME_ACTIONS_BUDGET = 11

CASES = {
    "plan_list": (lambda w: reverse("plans:plan_list"), 12),
    "plan_detail": (lambda w: reverse("plans:plan_detail", args=[w.plan.pk]), 16),
    "plan_outcome_actions_unlinked": (
        lambda w: reverse("plans:plan_outcome_actions", args=[w.plan.pk]) + "?outcome=none",
        PLAN_OUTCOME_ACTIONS_BUDGET,
    ),
    "plan_actions": (lambda w: reverse("plans:plan_actions", args=[w.plan.pk]), 14),
    "plan_actions_filtered": (
        lambda w: reverse("plans:plan_actions", args=[w.plan.pk]) + f"?outcome={w.outcome.pk}&status=not_started&q=a",
        14,  # the bulk edit form's permission check: the plan's departments
    ),
    "plan_actions_by_code": (lambda w: reverse("plans:plan_actions", args=[w.plan.pk]) + "?sort=code", 14),
    "my_actions": (lambda w: reverse("plans:my_actions"), 12),
    "department_tracking": (lambda w: reverse("plans:department_tracking"), 14),
    "dashboard": (lambda w: reverse("dashboard"), 30),
}


@pytest.mark.parametrize("name", CASES)
def test_plan_pages_constant_queries(client, personas, world, name):
    url, budget = CASES[name]
    client.force_login(personas.staff)
    count = assert_constant_queries(client, url(world), grow=_grow_plan(personas, world), budget=budget)
    print(f"QUERIES {name}={count}")


def test_plan_outcome_actions_constant_queries(client, personas, world):
    def grow():
        for k in range(8):
            status = "at_risk" if k % 2 else "on_track"
            action = ActionFactory(plan=world.plan, lead_department=personas.dept, accountable=personas.manager,
                                   code=f"9.{k}", timeline="FY2026 Q2", status=status)  # fmt: skip
            action.outcomes.add(world.outcome)

    client.force_login(personas.staff)
    url = reverse("plans:plan_outcome_actions", args=[world.plan.pk]) + f"?outcome={world.outcome.pk}"
    count = assert_constant_queries(client, url, grow=grow, budget=PLAN_OUTCOME_ACTIONS_BUDGET)
    print(f"QUERIES plan_outcome_actions={count}")


def test_indicator_detail_constant_queries(client, personas, world):
    groups = list(RacialGroup.objects.all()[:6])

    years = iter(range(1990, 2030))

    def grow():
        for year in [next(years) for _ in range(5)]:
            for group in groups:
                DataPointFactory(indicator=world.indicator, year=year, group=group)

    client.force_login(personas.staff)
    url = reverse("plans:indicator_detail", args=[world.indicator.pk])
    print(f"QUERIES indicator_detail={assert_constant_queries(client, url, grow=grow, budget=10)}")
    client.force_login(personas.manager)
    data_url = reverse("plans:indicator_data", args=[world.indicator.pk])
    print(f"QUERIES indicator_data={assert_constant_queries(client, data_url, grow=grow, budget=12)}")


def test_action_detail_constant_queries(client, personas, world):
    def grow():
        for _ in range(4):
            MilestoneFactory(action=world.action)
            measure = MeasureFactory(action=world.action)
            MeasurePointFactory(measure=measure)
            MeasurePointFactory(measure=measure, group=RacialGroup.objects.first())
            wrong = UpdateFactory(action=world.action, author=personas.staff, reviewed_by=personas.manager)
            UpdateFactory(action=world.action, author=personas.manager, supersedes=wrong, status_reason="Typo.")
            world.action.outcomes.add(OutcomeFactory(result=world.result))
            world.action.co_lead_departments.add(DepartmentFactory())
            ActionLink.objects.create(action=world.action, url="https://example.org/report", label="Report")
        Action.objects.filter(pk=world.action.pk).update(
            priority=ScaleLevel.objects.filter(kind="priority").first(),
            effort=ScaleLevel.objects.filter(kind="effort").first(),
            impact=ScaleLevel.objects.filter(kind="impact").first(),
        )

    client.force_login(personas.manager)
    url = reverse("plans:action_detail", args=[world.action.pk])
    # 14: session and user; the action, with its number of updates and whether the person follows it; a page of
    # updates with their corrections (a join); milestones; the files of the action, its milestones and its updates
    # (ADR 0042); measures and their values; the tools and library link panels one each; outcomes, co-lead
    # departments and links one each (ADR 0035); the manager's departments. The groups' chart colours are a cached
    # read (ADR 0074).
    print(f"QUERIES action_detail={assert_constant_queries(client, url, grow=grow, budget=14)}")


def test_period_list_constant_queries(client, personas, world):
    def grow():
        for _ in range(5):
            period = PeriodFactory()
            UpdateFactory(action=world.action, period=period, author=personas.equity)

    client.force_login(personas.equity)
    print(f"QUERIES period_list={assert_constant_queries(client, reverse('plans:period_list'), grow=grow, budget=10)}")


def test_structure_pages_constant_queries(client, personas, world):
    """The settings page with its scales, an action's links page and a delete confirmation (ADR 0035)."""
    labels = iter(range(1000))

    def grow():
        for _ in range(5):
            n = next(labels)
            for kind in ("priority", "effort", "impact"):
                ScaleLevel.objects.create(kind=kind, label=f"Level {n}", order=n)
            ActionLink.objects.create(action=world.action, url=f"https://example.org/{n}", label=f"Link {n}")
            UpdateFactory(action=world.action, author=personas.staff)

    client.force_login(personas.equity)
    print(f"QUERIES settings={assert_constant_queries(client, reverse('plans:settings'), grow=grow, budget=8)}")
    links = reverse("plans:action_links", args=[world.action.pk])
    print(f"QUERIES action_links={assert_constant_queries(client, links, grow=grow, budget=7)}")
    delete = reverse("plans:action_delete", args=[world.action.pk])
    print(f"QUERIES action_delete={assert_constant_queries(client, delete, grow=grow, budget=7)}")
