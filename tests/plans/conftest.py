"""Fixtures of the plans tests: a plan of the personas' department with one of everything."""

from dataclasses import dataclass

import pytest

from plans.models import Plan
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


@dataclass
class PlanWorld:
    plan: object
    result: object
    outcome: object
    indicator: object
    action: object
    milestone: object
    measure: object
    update: object
    period: object
    draft: object


def build_world(personas) -> PlanWorld:
    """A CD plan with a result, outcome, indicator with data, an action (lead CD, accountable: staff) and more."""
    plan = PlanFactory(title="CD housing plan", departments=[personas.dept], owner=personas.manager)
    result = ResultFactory(plan=plan)
    outcome = OutcomeFactory(result=result)
    indicator = IndicatorFactory(result=result)
    DataPointFactory(indicator=indicator)
    action = ActionFactory.create(plan=plan, lead_department=personas.dept, accountable=personas.staff)
    action.outcomes.add(outcome)
    measure = MeasureFactory(action=action)
    MeasurePointFactory(measure=measure)
    period = PeriodFactory()
    draft = PlanFactory(title="CD draft", status=Plan.Status.DRAFT, departments=[personas.dept], adopted_on=None)
    return PlanWorld(
        plan=plan,
        result=result,
        outcome=outcome,
        indicator=indicator,
        action=action,
        milestone=MilestoneFactory(action=action),
        measure=measure,
        update=UpdateFactory(action=action, author=personas.staff),
        period=period,
        draft=draft,
    )


@pytest.fixture
def world(personas) -> PlanWorld:
    return build_world(personas)
