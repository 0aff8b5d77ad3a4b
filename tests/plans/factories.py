"""factory_boy factories for the plans app."""

import datetime
from decimal import Decimal

import factory

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
    ReportingPeriod,
    Result,
)
from tests.factories import DepartmentFactory, UserFactory


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Plan {n}")
    period_start = datetime.date(2025, 1, 1)
    period_end = datetime.date(2028, 12, 31)
    status = Plan.Status.ACTIVE
    adopted_on = datetime.date(2025, 2, 1)

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.departments.set(extracted)


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result

    plan = factory.SubFactory(PlanFactory)
    statement = factory.Sequence(lambda n: f"All residents thrive {n}")


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    result = factory.SubFactory(ResultFactory)
    statement = factory.Sequence(lambda n: f"Outcome {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    """An indicator used by `result` (a new result of a new plan unless given)."""

    class Meta:
        model = Indicator
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Indicator {n}")
    direction = Indicator.Direction.HIGHER
    unit = "%"
    baseline_value = Decimal("50")
    baseline_year = 2020
    target_value = Decimal("70")
    target_year = 2030

    @factory.post_generation
    def result(self, create, extracted, **kwargs):
        if create:
            self.results.add(extracted or ResultFactory())


class RacialGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RacialGroup

    name = factory.Sequence(lambda n: f"Group {n}")
    code = factory.Sequence(lambda n: f"group{n}")
    sort_order = factory.Sequence(lambda n: 100 + n)


class DataPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorDataPoint

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2024
    group = factory.SubFactory(RacialGroupFactory)
    value = Decimal("10")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    lead_department = factory.SubFactory(DepartmentFactory)
    accountable = factory.SubFactory(UserFactory)
    start_date = datetime.date(2025, 3, 1)
    due_date = datetime.date(2027, 6, 30)
    percent_complete = 0


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    action = factory.SubFactory(ActionFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_date = datetime.date(2026, 6, 30)


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerformanceMeasure

    action = factory.SubFactory(ActionFactory)
    name = factory.Sequence(lambda n: f"Measure {n}")
    kind = PerformanceMeasure.Kind.HOW_MUCH


class MeasurePointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeasureDataPoint

    measure = factory.SubFactory(MeasureFactory)
    period_label = factory.Sequence(lambda n: f"P{n}")
    period_end = factory.Sequence(lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    value = Decimal("3")


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingPeriod

    name = factory.Sequence(lambda n: f"2026 Q{n}")
    start_date = datetime.date(2026, 10, 1)
    end_date = datetime.date(2026, 12, 31)
    due_date = datetime.date(2027, 1, 15)


class UpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    status = "on_track"
    previous_status = "not_started"
    percent_complete = 20
    summary = "Work started."
    author = factory.SubFactory(UserFactory)
