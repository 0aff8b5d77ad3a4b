"""Statuses in real Chromium with axe: the cancel page (with errors), a bulk edit and correcting an update."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import assert_accessible, login
from tests.plans.conftest import build_world
from tests.plans.factories import ActionFactory

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]


def _submit(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def test_browser_cancel_bulk_edit_and_correction(page, live_server, personas):
    world = build_world(personas)
    second = ActionFactory(plan=world.plan, lead_department=personas.dept, title="Publish eviction data")
    login(page, live_server, "manager")

    # Bulk edit: select two actions by their labels, set a due date and a status with its reason.
    page.goto(f"{live_server.url}/plans/{world.plan.pk}/actions/")
    assert_accessible(page)
    page.get_by_label(f"Select “{world.action.title}”").check()
    page.get_by_label("Select “Publish eviction data”").check()
    page.get_by_label("New status").select_option(label="At risk")
    _submit(page, "Apply to the selected actions")
    expect(page.locator("[data-error-summary]")).to_contain_text("Write the reason for the status change")
    assert_accessible(page)
    page.get_by_label(f"Select “{world.action.title}”").check()
    page.get_by_label("Select “Publish eviction data”").check()
    page.get_by_label("New status").select_option(label="At risk")
    page.get_by_label("Reason for the status change").fill("Budget freeze.")
    page.get_by_label("New due date").fill("2027-03-31")
    _submit(page, "Apply to the selected actions")
    expect(page.get_by_text("2 actions were changed.")).to_be_visible()
    assert_accessible(page)

    # Correct an update entered by mistake.
    page.goto(f"{live_server.url}/plans/actions/{second.pk}/")
    page.get_by_role("link", name=re.compile("Correct this update")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Correct an update")
    assert_accessible(page)
    _submit(page, "Post the correction")
    expect(page.locator("[data-error-summary]")).to_contain_text("What was wrong")
    assert_accessible(page)
    page.locator("#id_status").select_option(label="On track")
    page.get_by_label("What was wrong").fill("It was not at risk: wrong action.")
    _submit(page, "Post the correction")
    expect(page.get_by_text(re.compile("Corrected on .* by Mia Manager"))).to_be_visible()
    assert_accessible(page)

    # Cancel an action: the reason and the confirmation are required.
    page.get_by_role("link", name="Cancel action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cancel this action")
    assert_accessible(page)
    _submit(page, "Cancel the action")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Why is the action cancelled or withdrawn?").fill("Council withdrew it.")
    page.get_by_label(re.compile("Yes, cancel this action")).check()
    _submit(page, "Cancel the action")
    expect(page.get_by_text("Council withdrew it.").first).to_be_visible()
    expect(page.locator("h1 del")).to_have_text("Publish eviction data")
    assert_accessible(page)
