"""City-wide indicators in real Chromium, with axe on every page: a CSV whose group names come from a real source
("African American", "Asian American", "Hispanic/Latine", "All Students", "Households of color") goes through the
mapping step, without JavaScript being needed for any step."""

import pytest
from playwright.sync_api import expect

from plans.models import GroupAlias, RacialGroup
from tests.browser import assert_accessible, login
from tests.plans.conftest import build_world
from tests.plans.test_group_mapping import REAL

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]


def _submit(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def test_browser_indicator_csv_with_source_group_names_goes_through_the_mapping_step(page, live_server, personas):
    world = build_world(personas)
    login(page, live_server, "equity")
    page.goto(f"{live_server.url}/plans/indicators/")
    assert_accessible(page)
    page.get_by_role("link", name=world.indicator.name).click()
    assert_accessible(page)
    page.get_by_role("link", name="Upload CSV").click()
    assert_accessible(page)

    page.get_by_label("CSV file").set_input_files(
        files=[{"name": "mde-reading.csv", "mimeType": "text/csv", "buffer": REAL.encode()}]
    )
    page.get_by_label("Data source").fill("Minnesota Department of Education")
    _submit(page, "Check the file")
    expect(page.get_by_role("heading", level=1)).to_have_text("Match the group names")
    assert_accessible(page)
    for name in ("African American", "Asian American", "Hispanic/Latine", "All Students", "Households of color"):
        expect(page.get_by_role("group", name=f"“{name}”")).to_be_visible()
    # The suggestions are preselected.
    expect(page.get_by_label("Group for “African American”")).to_have_value(
        str(RacialGroup.objects.get(code="black").pk)
    )
    expect(page.get_by_label("Group for “Hispanic/Latine”")).to_have_value(
        str(RacialGroup.objects.get(code="hispanic").pk)
    )

    # A new group for "Households of color", first with a code that is taken.
    other = page.get_by_role("group", name="“Households of color”")
    other.get_by_label("Group for “Households of color”").select_option(label="Add a new group (below)")
    other.get_by_label("New group's code").fill("black")
    _submit(page, "Import with these groups")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("[data-error-summary]")).to_contain_text("A group with this code exists")
    assert_accessible(page)
    other = page.get_by_role("group", name="“Households of color”")
    other.get_by_label("New group's code").fill("people-of-color")
    _submit(page, "Import with these groups")

    expect(page.get_by_role("heading", level=1)).to_have_text(world.indicator.name)
    expect(page.get_by_role("alert").or_(page.locator(".alert-success")).first).to_contain_text(
        "6 values were imported"
    )
    table = page.get_by_role("table", name=f"{world.indicator.name}: values by year and group")
    expect(table).to_contain_text("28.4")
    expect(table).to_contain_text("± 2.1")
    assert_accessible(page)
    assert RacialGroup.objects.filter(code="people-of-color", name="Households of color").exists()
    assert GroupAlias.objects.filter(source="Minnesota Department of Education").count() == 5

    # The data grid with its margins of error, and the pages to find and link indicators.
    page.goto(f"{live_server.url}/plans/indicators/{world.indicator.pk}/data/")
    expect(page.get_by_label("Margin of error, Black or African American 2019")).to_have_value("2.1")
    assert_accessible(page)
    for path in (
        f"/plans/results/{world.result.pk}/indicators/link/",
        f"/plans/results/{world.result.pk}/indicators/new/",
        "/plans/indicators/new/",
        "/plans/indicators/?q=nothing-matches",
    ):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)


def test_browser_manager_links_an_existing_indicator(page, live_server, personas):
    from tests.plans.factories import IndicatorFactory

    world = build_world(personas)
    shared = IndicatorFactory(name="Third-grade reading proficiency", data_source="MDE")
    shared.results.clear()
    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/plans/{world.plan.pk}/")
    page.get_by_role("link", name="Use an existing indicator").click()
    page.get_by_label("Search names and sources").fill("reading")
    _submit(page, "Search")
    assert_accessible(page)
    row = page.get_by_role("row").filter(has_text="Third-grade reading proficiency")
    row.get_by_role("button", name="Use this indicator").click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="Third-grade reading proficiency")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Stop using Third-grade").click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="Third-grade reading proficiency")).to_have_count(0)
