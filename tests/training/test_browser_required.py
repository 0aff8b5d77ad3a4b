"""Issue 14 in real Chromium with axe: a facilitator asks for approval from the session form, the equity team
approves it, the facilitator logs the session; the equity team sets a requirement and reads the overdue report."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from equity.models import StaffAttributes
from tests.browser import assert_accessible, login
from tests.factories import DepartmentFactory, UserFactory
from tests.training.factories import FacilitatorFactory, ModuleFactory
from training.models import CertificationRequest, Session

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def city(db):
    cd = DepartmentFactory(name="Community Development", code="CD")
    foundations = ModuleFactory(title="Advancing Racial Equity", required_for="all_staff")
    tool = ModuleFactory(title="Applying the Racial Equity Tool", required_for="none")
    fay = UserFactory(username="fay", full_name="Fay Facilitator", departments=[cd], is_facilitator=True)
    FacilitatorFactory(user=fay, modules=[foundations])
    UserFactory(username="elena", full_name="Elena Equity", departments=[cd], is_equity_team=True)
    late = UserFactory(username="omar", full_name="Omar Overdue", departments=[cd])
    StaffAttributes.objects.create(user=late, hire_date=date(2025, 1, 6))
    return {"tool": tool, "cd": cd}


def _visit(page, live_server, path):
    page.goto(f"{live_server.url}{path}")
    assert_accessible(page)


def _fill_session(page):
    page.locator("#id_module").select_option(label="Applying the Racial Equity Tool")
    page.locator("#id_date").fill(timezone.localdate().isoformat())
    page.locator("#id_start_time").fill("09:00")
    page.locator("#id_end_time").fill("11:00")
    page.locator("#id_hours_credited").fill("2")
    page.locator("#id_lead_facilitator").select_option(label="Fay Facilitator")
    page.get_by_role("button", name="Save").click()


def test_browser_approval_request_and_overdue_report(page, live_server, city):
    login(page, live_server, "fay")
    _visit(page, live_server, "/training/sessions/new/")
    _fill_session(page)
    expect(page.locator("#approval-offer")).to_contain_text("You are not certified")
    assert_accessible(page)
    page.get_by_role("link", name="Ask the equity team for approval").click()
    expect(page.get_by_label("Why do you need to deliver it?")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Why do you need to deliver it?").fill("A session for the planning division in May.")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator("#request-status")).to_have_text("Waiting for the equity team")
    assert_accessible(page)
    page.context.clear_cookies()

    login(page, live_server, "elena")
    expect(page.get_by_role("heading", name="Approval requests waiting")).to_be_visible()
    assert_accessible(page)
    _visit(page, live_server, "/training/approval-requests/?status=pending")
    page.locator("tbody a").first.click()
    expect(page.get_by_role("button", name="Save the decision")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save the decision").click()  # no decision chosen: an error, nothing saved
    expect(page.locator("[data-error-summary]").first).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Approve: certify them for this module").check()
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Approval requests")

    _visit(page, live_server, "/training/requirements/new/")
    page.locator("#id_module").select_option(label="Advancing Racial Equity")
    page.get_by_label("All staff").check()
    page.locator("#id_due_days").fill("90")
    page.locator("#id_effective_from").fill("2025-01-01")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("table")).to_contain_text("Advancing Racial Equity")
    assert_accessible(page)
    _visit(page, live_server, f"/training/completion/?department={city['cd'].pk}")
    expect(page.locator(".overdue-list")).to_contain_text("Omar Overdue")
    page.context.clear_cookies()

    login(page, live_server, "fay")
    _visit(page, live_server, "/training/approval-requests/")
    expect(page.get_by_role("table")).to_contain_text("Approved")
    _visit(page, live_server, "/training/sessions/new/")
    _fill_session(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Applying the Racial Equity Tool")
    assert CertificationRequest.objects.get().status == "approved" and Session.objects.count() == 1
