"""A small published world for the embed and PDF tests: a plan (one result, one outcome, three actions with
accountable persons, one completed) and an indicator with a group too small to publish, both published by the
equity team with the on-commit work (cache generation, the plan's PDF) run as a real commit would."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.test import TestCase

from plans.models import ActionStatus, Indicator, Plan
from public.models import EmbedOrigin, Publication
from public.services import embed_origin_add, publish
from tests.factories import DepartmentFactory, UserFactory
from tests.plans.factories import (
    ActionFactory,
    DataPointFactory,
    IndicatorFactory,
    OutcomeFactory,
    PlanFactory,
    RacialGroupFactory,
    ResultFactory,
)

PLAN_TITLE = "Housing Equity Action Plan"
ACCOUNTABLE = ("Quinn Accountable", "Rory Responsible")


@dataclass
class World:
    plan: Plan
    indicator: Indicator
    plan_pub: Publication
    indicator_pub: Publication


def committed(function, /, **kwargs):
    """Call a service and run its on-commit callbacks (inside a test's transaction they would never run)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return function(**kwargs)


def build_plan():  # -> Plan (untyped: factory_boy returns its models untyped)
    department = DepartmentFactory()
    plan = PlanFactory(title=PLAN_TITLE, departments=[department], narrative="Everyone has a safe home.")
    outcome = OutcomeFactory(result=ResultFactory(plan=plan, statement="Homes for every family"))
    statuses = (ActionStatus.COMPLETED, ActionStatus.AT_RISK, ActionStatus.IN_PROGRESS)
    for n, status in enumerate(statuses):
        first, last = ACCOUNTABLE[n % 2].split()
        person = UserFactory(full_name=ACCOUNTABLE[n % 2], first_name=first, last_name=last)
        action = ActionFactory(
            plan=plan, title=f"Housing action {n}", status=status, lead_department=department, accountable=person
        )
        action.outcomes.add(outcome)
    return plan


def build_indicator():  # -> Indicator
    indicator = IndicatorFactory(name=f"Households paying under a third of income {Indicator.objects.count()}")
    for name, value, people in (("Group Large", "62", 900), ("Group Middle", "41", 400), ("Group Tiny", "12", 4)):
        group = RacialGroupFactory(name=f"{name} {indicator.pk}")
        for year in (2023, 2024):
            DataPointFactory(indicator=indicator, group=group, year=year, value=Decimal(value), people=people)
    return indicator


def build_world(equity) -> World:
    plan, indicator = build_plan(), build_indicator()
    plan_pub = committed(publish, author=equity, record=plan).publication
    indicator_pub = committed(publish, author=equity, record=indicator).publication
    return World(plan, indicator, plan_pub, indicator_pub)


def allow(equity, *origins: str) -> None:
    for origin in origins:
        committed(embed_origin_add, author=equity, origin=EmbedOrigin(origin=origin))
