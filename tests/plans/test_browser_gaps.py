"""The indicator page's gaps in real Chromium, with axe: signed gaps, a year without a gap, a gap within the margins
of error, years to close."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from plans.models import RacialGroup
from tests.browser import assert_accessible, login
from tests.plans.conftest import build_world
from tests.plans.factories import DataPointFactory, IndicatorFactory

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]

DATA = {
    2019: {"all": "67", "black": "31"},
    2020: {"all": "68", "white": "74", "black": "24", "hispanic": "38"},
    2024: {"all": "70", "white": "75", "black": "30", "hispanic": "50", "asian": "72"},
}
MARGINS_2024 = {"all": "1", "white": "1.5", "black": "3", "hispanic": "4", "asian": "4"}


def test_browser_indicator_gaps_are_readable_and_accessible(page, live_server, personas):
    world = build_world(personas)
    groups = {g.code: g for g in RacialGroup.objects.all()}
    indicator = IndicatorFactory(result=world.result, name="Homeownership rate", target_year=2030)
    for year, values in DATA.items():
        for code, value in values.items():
            moe = MARGINS_2024[code] if year == 2024 else None
            DataPointFactory(
                indicator=indicator, year=year, group=groups[code], value=Decimal(value), margin_of_error=moe
            )
    login(page, live_server, "staff")
    page.goto(f"{live_server.url}/plans/indicators/{indicator.pk}/")
    expect(page.get_by_role("heading", name="Years to close the gap")).to_be_visible()
    expect(page.get_by_text("2019: no gap.")).to_be_visible()
    black_2024 = page.get_by_role("table", name="2024: reference White (not Hispanic) (75.0)").get_by_role(
        "row", name="Black or African American"
    )
    expect(black_2024).to_contain_text("45.0")
    expect(black_2024.get_by_role("cell").last).to_have_text("significant")
    # Asian 72 ± 4 is 3 behind White 75 ± 1.5: within √(4² + 1.5²) = 4.27.
    asian_2024 = page.get_by_role("table", name="2024: reference White (not Hispanic) (75.0)").get_by_role(
        "row", name="Asian"
    )
    expect(asian_2024.get_by_role("cell").last).to_have_text("not significant")
    expect(page.get_by_role("img", name="Homeownership rate")).to_have_count(1)  # the chart's title is its name
    assert_accessible(page)
    page.get_by_role("link", name="Compare with all residents instead").click()
    page.wait_for_load_state()
    table = page.get_by_role("table", name="2024: reference All residents (70.0)")
    expect(table.get_by_role("row", name="White (not Hispanic)")).to_contain_text("-5.0")
    expect(table.get_by_role("row", name="Black or African American")).to_contain_text("+40.0")
    assert_accessible(page)
