"""Shared pieces of the open data tests: a small published world built with factories, publishing that also moves
the public cache generation (the tests' transactions never commit, so `publish`'s on-commit hook never runs), the
test URLs (tests/public/data_urls.py) and the JSON Schemas."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import RacialGroup
from public.cache import site_changed
from public.models import Publication
from public.services import publish, unpublish
from tests.factories import DepartmentFactory, UserFactory
from tests.plans.factories import (
    ActionFactory,
    DataPointFactory,
    IndicatorFactory,
    OutcomeFactory,
    PlanFactory,
    ResultFactory,
    UpdateFactory,
)
from tests.public.embeds_world import committed

SCHEMAS = Path(settings.BASE_DIR) / "public" / "schemas"
ACCOUNTABLE = "Rosalind Accountable-Person"
ACCOUNTABLE_USERNAME = "rosalind-accountable"
SMALL_VALUE = Decimal("73.4")  # the value behind the suppressed figure: must appear in no file


@pytest.fixture
def open_data(settings):
    """The test URLs and a fresh public cache generation."""
    settings.ROOT_URLCONF = "tests.public.data_urls"
    site_changed()


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.json").read_text())


def published(author, record, **kwargs) -> Publication:
    """Publish `record` as `author` and run what a commit runs (the new cache generation, the plan's PDF)."""
    snapshot = committed(publish, author=author, record=record, **kwargs)
    return snapshot.publication


def withdrawn(author, publication: Publication) -> Publication:
    return committed(unpublish, author=author, publication=publication)


def make_plan(*, title="Equity plan 2025–2028", action_title="Fund rental help"):
    """An adopted plan with one result, one outcome and two actions (one linked, with a reviewed update)."""
    department = DepartmentFactory(name="Housing & Renewal")
    plan = PlanFactory(title=title, narrative="Our plan for 2025–2028.", departments=[department])
    outcome = OutcomeFactory(result=ResultFactory(plan=plan, code="R1"), code="R1.1")
    person = UserFactory(username=ACCOUNTABLE_USERNAME, full_name=ACCOUNTABLE)
    people = {"lead_department": department, "accountable": person}
    linked = ActionFactory(plan=plan, code="A1", title=action_title, **people)
    linked.outcomes.add(outcome)
    ActionFactory(plan=plan, code="A2", title="Review fees", **people)
    UpdateFactory(
        action=linked,
        summary="@SUM(1+1) reviewed",
        as_of=datetime.date(2026, 1, 15),
        reviewed_at=datetime.datetime(2026, 1, 15, 10, tzinfo=datetime.UTC),
    )
    return plan


def make_indicator(*, name="Homeownership"):
    """An indicator with a total and three groups over two years; one group rests on 4 people (suppressed)."""
    indicator = IndicatorFactory(name=name, definition="Households owning their home, ACS 2012–2016.")
    total, white, black, small = (RacialGroup.objects.get(code=c) for c in ("all", "white", "black", "aian"))
    for year in (2016, 2020):
        DataPointFactory(indicator=indicator, year=year, group=total, value=Decimal("61.5"), people=900)
        DataPointFactory(indicator=indicator, year=year, group=white, value=Decimal("74.0"), people=700)
        DataPointFactory(indicator=indicator, year=year, group=black, value=Decimal("28.2"), people=150)
        DataPointFactory(indicator=indicator, year=year, group=small, value=SMALL_VALUE, people=4)
    return indicator


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return len(ctx.captured_queries)
