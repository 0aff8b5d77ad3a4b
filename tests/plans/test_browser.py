"""The manager's journey in real Chromium, with axe on every plans page, including forms shown with errors."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import assert_accessible, login
from tests.plans.conftest import build_world

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]


def _submit(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def test_browser_manager_journey(page, live_server, personas):
    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/plans/")
    assert_accessible(page)

    # Start a plan: first with errors, then properly.
    page.get_by_role("link", name="Start a plan").click()
    assert_accessible(page)
    _submit(page, "Save plan")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Title").fill("Housing equity plan")
    page.get_by_label("Community Development").check()
    page.get_by_label("Period start").fill("2026-01-01")
    page.get_by_label("Period end").fill("2028-12-31")
    page.get_by_label("Status").select_option(label="Active")
    page.get_by_label("Adoption date").fill("2026-01-15")
    _submit(page, "Save plan")
    expect(page.get_by_role("heading", level=1)).to_have_text("Housing equity plan")
    assert_accessible(page)

    # A result and an indicator with data by group.
    page.get_by_role("link", name="Add a result").click()
    assert_accessible(page)
    page.get_by_label("Result statement").fill("All residents have stable housing")
    _submit(page, "Save")
    page.get_by_role("link", name="Add an indicator").click()
    page.get_by_label("Name").fill("Homeownership rate")
    page.get_by_label("Direction of better").select_option(label="Higher is better")
    page.get_by_label("Baseline year").fill("2020")
    page.get_by_label("Target year").fill("2010")
    _submit(page, "Save indicator")
    expect(page.locator("[data-error-summary]")).to_contain_text("The target year cannot be before the baseline year")
    assert_accessible(page)
    page.get_by_label("Target year").fill("2030")
    _submit(page, "Save indicator")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Data for Homeownership rate")
    assert_accessible(page)
    page.get_by_label("Black or African American 2020", exact=True).fill("24")
    page.get_by_label("White (not Hispanic) 2020", exact=True).fill("74")
    page.get_by_label("Add a year").fill("2024")
    _submit(page, "Save and add the year")
    page.get_by_label("Black or African American 2024", exact=True).fill("30")
    page.get_by_label("White (not Hispanic) 2024", exact=True).fill("75")
    _submit(page, "Save data")

    # The gap chart and table.
    expect(page.get_by_role("heading", level=1)).to_have_text("Homeownership rate")
    expect(page.locator("svg[role=img]").first).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Gap trend"))).to_contain_text("Narrowing")
    expect(page.get_by_role("table", name=re.compile("2024: reference White"))).to_contain_text("45")
    assert_accessible(page)
    page.get_by_role("link", name="Upload CSV").click()
    page.get_by_label("CSV file").set_input_files(
        files=[{"name": "data.csv", "mimeType": "text/csv", "buffer": b"year,group,value\n2021,martian,x\n"}]
    )
    _submit(page, "Check the file")
    expect(page.get_by_role("table", name=re.compile("Problems found"))).to_contain_text("is not a number")
    expect(page.get_by_text("Group names to match to groups once the file is fixed: martian")).to_be_visible()
    assert_accessible(page)

    # An action, then a progress update with a status change (the indicator page links to the plans using it).
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Homeownership rate").click()
    page.get_by_role("link", name="Housing equity plan").click()
    page.get_by_role("link", name="Add an action").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Down-payment assistance fund")
    page.get_by_label("Lead department").select_option(label="Community Development")
    page.get_by_label("Start date").fill("2026-02-01")
    page.get_by_label("Due date").fill("2026-12-31")
    _submit(page, "Save action")
    expect(page.get_by_role("heading", level=1)).to_have_text("Down-payment assistance fund")
    assert_accessible(page)
    page.get_by_role("link", name="Post an update").click()
    page.get_by_role("combobox", name=re.compile("^Status")).select_option(label="At risk")
    page.get_by_label("Percent complete").fill("30")
    page.get_by_label("What happened").fill("Lender partner delayed the launch.")
    _submit(page, "Post update")
    expect(page.locator("[data-error-summary]")).to_contain_text("write the reason")
    assert_accessible(page)
    page.get_by_label("Reason for the status change").fill("The partner bank paused new products.")
    _submit(page, "Post update")
    expect(page.locator(".timeline")).to_contain_text("changed from Not started")
    expect(page.locator(".timeline")).to_contain_text("At risk")

    # The department's at-risk list.
    page.goto(f"{live_server.url}/plans/tracking/")
    expect(page.get_by_role("table", name="Actions needing attention")).to_contain_text("Down-payment assistance fund")
    assert_accessible(page)
    for path in ("/plans/my-actions/", "/plans/periods/", "/"):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)


def test_browser_other_pages_are_accessible(page, live_server, personas):
    world = build_world(personas)
    login(page, live_server, "equity")
    paths = [
        f"/plans/{world.plan.pk}/", f"/plans/{world.plan.pk}/edit/", f"/plans/{world.plan.pk}/history/",
        f"/plans/{world.plan.pk}/actions/", f"/plans/{world.plan.pk}/actions/?outcome=none&status=at_risk&page=9",
        f"/plans/results/{world.result.pk}/edit/", f"/plans/results/{world.result.pk}/outcomes/new/",
        f"/plans/outcomes/{world.outcome.pk}/edit/", f"/plans/indicators/{world.indicator.pk}/?compare=total",
        f"/plans/indicators/{world.indicator.pk}/edit/", f"/plans/indicators/{world.indicator.pk}/history/",
        f"/plans/actions/{world.action.pk}/", f"/plans/actions/{world.action.pk}/edit/",
        f"/plans/actions/{world.action.pk}/history/", f"/plans/actions/{world.action.pk}/milestones/new/",
        f"/plans/milestones/{world.milestone.pk}/edit/", f"/plans/actions/{world.action.pk}/measures/new/",
        f"/plans/measures/{world.measure.pk}/values/new/", "/plans/periods/new/", "/plans/my-actions/",
        f"/plans/tracking/?department={personas.dept.pk}", "/plans/settings/", "/plans/settings/groups/new/",
    ]  # fmt: skip
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
    page.goto(f"{live_server.url}/plans/periods/new/")
    page.get_by_label("Name").fill("2026 Q4")
    page.get_by_label("Start date").fill("2026-10-01")
    page.get_by_label("End date").fill("2026-09-01")
    page.get_by_label("Updates due").fill("2026-09-15")
    _submit(page, "Open period")
    expect(page.locator("[data-error-summary]")).to_contain_text("must end on or after")
    assert_accessible(page)
    page.goto(f"{live_server.url}/plans/actions/{world.action.pk}/measures/new/")
    _submit(page, "Save")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_accessible(page)


def test_browser_plan_page_links_to_all_actions_of_an_outcome(page, live_server, personas):
    from tests.plans.factories import ActionFactory

    world = build_world(personas)
    for n in range(7):
        action = ActionFactory(plan=world.plan, lead_department=personas.dept, title=f"Rental help {n}")
        action.outcomes.add(world.outcome)
    login(page, live_server, "staff")
    page.goto(f"{live_server.url}/plans/{world.plan.pk}/")
    assert_accessible(page)
    # Outcomes are closed, showing their roll-ups; opening one from the keyboard loads its first actions (ADR 0067).
    expect(page.get_by_role("table", name=re.compile("Actions for"))).to_have_count(0)
    page.locator("details.plan-outcome > summary").first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("table", name=re.compile("Actions for"))).to_contain_text("Rental help")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Show all 8 actions of this outcome")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Actions of CD housing plan")
    expect(page.get_by_role("table", name="8 actions")).to_contain_text("Rental help 6")
    assert_accessible(page)
    page.get_by_label("Search titles").fill("help 3")
    _submit(page, "Filter")
    expect(page.get_by_role("table", name="1 action")).to_contain_text("Rental help 3")
    assert_accessible(page)
