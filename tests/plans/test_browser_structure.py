"""The plan structure in real Chromium, with axe: the action form's new fields (code, co-leads, timeline, scales),
the scales on the settings page and the delete confirmation."""

import pytest
from playwright.sync_api import expect

from plans.models import ScaleLevel
from tests.browser import assert_accessible, login
from tests.plans.conftest import build_world
from tests.plans.factories import ActionFactory

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]


def test_browser_action_form_with_codes_co_leads_timelines_and_scales(page, live_server, personas):
    world = build_world(personas)
    level, _ = ScaleLevel.objects.get_or_create(kind="priority", label="Level 1", defaults={"order": 1})
    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/plans/{world.plan.pk}/actions/new/")
    page.get_by_label("Code").fill("2.1.10")
    page.get_by_label("Title").fill("Offer interpreters at every counter")
    page.get_by_label("Lead department").select_option(str(personas.dept.pk))
    page.get_by_label(personas.other_dept.name).check()
    page.get_by_label("Co-lead teams").fill("Office of Racial Equity; HR")
    page.get_by_label("Measure of success").fill("Residents are served in their language.")
    page.get_by_label("Timeline").fill("next spring")
    page.get_by_label("Priority").select_option(str(level.pk))
    assert_accessible(page)
    page.get_by_role("button", name="Save action").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Write a year (2021)").first).to_be_visible()  # the field's error, in words
    assert_accessible(page)
    page.get_by_label("Timeline").fill("FY2026 Q2")
    page.get_by_role("button", name="Save action").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2.1.10")
    expect(page.get_by_text("FY2026 Q2")).to_be_visible()
    expect(page.get_by_text("Office of Racial Equity; HR", exact=False)).to_be_visible()
    expect(page.get_by_text("Level 1")).to_be_visible()
    assert_accessible(page)


def test_browser_scales_settings_and_delete_confirmation(page, live_server, personas):
    world = build_world(personas)
    ScaleLevel.objects.get_or_create(kind="effort", label="Heavy lift", defaults={"order": 3})
    login(page, live_server, "equity")
    page.goto(f"{live_server.url}/plans/settings/")
    expect(page.get_by_role("heading", name="Priority, effort and impact scales")).to_be_visible()
    expect(page.get_by_role("cell", name="Heavy lift", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Add a level to Impact").click()
    page.get_by_label("Label").fill("Transformational")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    expect(page.get_by_role("cell", name="Transformational", exact=True)).to_be_visible()

    mistake = ActionFactory(plan=world.plan, lead_department=personas.dept, title="Duplicate by mistake")
    page.goto(f"{live_server.url}/plans/actions/{mistake.pk}/delete/")
    expect(page.get_by_role("heading", name="Delete this action?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Delete").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Deleted. The history keeps a copy of it.")).to_be_visible()
    page.goto(f"{live_server.url}/plans/actions/{world.action.pk}/delete/")
    expect(page.get_by_text("cancel it instead")).to_be_visible()  # it has a progress update
    assert_accessible(page)
