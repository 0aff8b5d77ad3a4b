"""The facilitator's journey in real Chromium, with axe on every training page (forms with errors included)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser import assert_accessible, login
from tests.factories import DepartmentFactory, UserFactory
from tests.training.factories import AttendanceFactory, FacilitatorFactory, ModuleFactory, SessionFactory
from training.models import Attendance, RosterImport, Session

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]

ROSTER = (
    "email,employee_id,name,organisation,status,minutes,completed\n"
    "dana@example.org,,Dana Okafor,,attended,120,yes\n"
    ",E100,Paul Westberg,,attended,120,yes\n"
    "mia@@example.org,,Mia Manager,,attended,120,yes\n"  # bad e-mail: resolved by picking the staff member
    "jo@example.org,,Jo Jones,,maybe,120,yes\n"  # unknown status: resolved by choosing it
)


@pytest.fixture
def city(db):
    cd = DepartmentFactory(name="Community Development", code="CD")
    module = ModuleFactory(title="Advancing Racial Equity", required_for="all_staff")
    fay = UserFactory(username="fay", full_name="Fay Facilitator", departments=[cd], is_facilitator=True)
    FacilitatorFactory(user=fay, modules=[module])
    UserFactory(username="dana", full_name="Dana Okafor", email="dana@example.org", departments=[cd])
    UserFactory(username="paul", full_name="Paul Westberg", employee_id="E100", departments=[cd])
    UserFactory(username="jo", full_name="Jo Jones", email="jo@example.org", departments=[cd])
    UserFactory(username="mia", full_name="Mia Manager", email="mia@example.org", departments=[cd], is_manager=True)
    UserFactory(username="nina", full_name="Nina Notyet", departments=[cd])
    UserFactory(username="elena", full_name="Elena Equity", departments=[cd], is_equity_team=True)
    return {"module": module, "cd": cd}


def _visit(page, live_server, path):
    page.goto(f"{live_server.url}{path}")
    assert_accessible(page)


def test_browser_facilitator_logs_session_imports_roster_and_fixes_two_rows(page, live_server, city):
    login(page, live_server, "fay")
    _visit(page, live_server, "/training/sessions/new/")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-error-summary]").first).to_be_focused()
    assert_accessible(page)

    page.locator("#id_module").select_option(label="Advancing Racial Equity")
    page.locator("#id_date").fill((timezone.localdate() - timedelta(days=1)).isoformat())
    page.locator("#id_start_time").fill("09:00")
    page.locator("#id_end_time").fill("11:00")
    page.locator("#id_hours_credited").fill("2")
    page.locator("#id_lead_facilitator").select_option(label="Fay Facilitator")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Advancing Racial Equity")
    assert_accessible(page)

    page.get_by_role("link", name="Import roster CSV").click()
    assert_accessible(page)
    page.get_by_label("Roster file (CSV)").set_input_files(
        files=[{"name": "roster.csv", "mimeType": "text/csv", "buffer": ROSTER.encode()}]
    )
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Match the columns")
    assert_accessible(page)
    page.get_by_role("button", name="Check the rows").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Resolve the roster's problems")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("2 rows need your decision")
    expect(summary).to_contain_text("'mia@@example.org' is not a valid e-mail address")
    expect(summary).to_contain_text("Unknown status 'maybe'")
    assert_accessible(page)
    assert not Attendance.objects.exists()

    page.locator("#r-4-action").select_option("user")
    page.locator("#r-4-user").select_option(label="Mia Manager (mia@example.org)")
    page.locator("#r-5-status").select_option("attended")
    page.get_by_role("button", name="Apply and check again").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Save the roster")
    assert_accessible(page)
    page.get_by_role("button", name="Save 4 attendance records").click()
    expect(page.get_by_text("4 attendance records have been imported.")).to_be_visible()
    assert_accessible(page)
    session = Session.objects.get()
    assert Attendance.objects.filter(session=session, completed=True).count() == 4
    assert RosterImport.objects.get().status == RosterImport.Status.SAVED

    # The attendee's own record shows the module completed.
    page.context.clear_cookies()
    login(page, live_server, "dana")
    _visit(page, live_server, "/training/me/")
    row = page.locator("tr", has=page.get_by_role("rowheader", name="Advancing Racial Equity"))
    expect(row).to_contain_text("Completed")
    expect(page.get_by_test_id("hours")).to_have_text("2")
    _visit(page, live_server, "/")
    expect(page.get_by_role("heading", name="My training")).to_be_visible()


def test_browser_manager_sees_completion_report_with_chart_and_who_still_needs_it(page, live_server, city):
    session = SessionFactory(module=city["module"], date=timezone.localdate() - timedelta(days=3))
    from equity.models import User

    for username in ("dana", "paul", "fay"):
        AttendanceFactory(session=session, user=User.objects.get(username=username), department=city["cd"])
    login(page, live_server, "mia")
    _visit(page, live_server, "/")
    expect(page.get_by_role("heading", name="Department training completion")).to_be_visible()
    _visit(page, live_server, "/training/completion/")
    chart = page.locator("figure img")
    expect(chart).to_be_visible()
    assert chart.evaluate("img => img.complete && img.naturalWidth > 0"), "the chart image loads"
    table = page.locator("#completion-table")
    # CD: 7 people (fay, dana, paul, jo, mia, nina, elena); 3 completed = 42.9 %.
    expect(table).to_contain_text("42.9%")
    page.get_by_text("Advancing Racial Equity: 4 people").click()
    for name in ("Jo Jones", "Mia Manager", "Nina Notyet", "Elena Equity"):
        expect(page.locator("#main details li").filter(has_text=name)).to_be_visible()
    page.locator("#id_date_to").fill("2020-01-01")
    page.locator("#id_date_from").fill("2021-01-01")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("[data-error-summary]")).to_contain_text("before its start")
    assert_accessible(page)


def test_browser_every_other_training_page_is_accessible(page, live_server, city):
    session = SessionFactory(module=city["module"], date=timezone.localdate() - timedelta(days=3), capacity=1)
    SessionFactory(module=city["module"], date=timezone.localdate() + timedelta(days=3))
    from equity.models import User

    dana = User.objects.get(username="dana")
    AttendanceFactory(session=session, user=dana, department=city["cd"])
    AttendanceFactory(session=session, user=None, external_name="Aisha Mohamed", external_organisation="County")
    facilitator = city["module"].facilitators.get()
    login(page, live_server, "elena")
    for path in (
        "/training/", "/training/upcoming/", f"/training/sessions/{session.pk}/",
        f"/training/sessions/{session.pk}/edit/", f"/training/sessions/{session.pk}/history/",
        "/training/modules/", f"/training/modules/{city['module'].pk}/", "/training/modules/new/",
        f"/training/modules/{city['module'].pk}/edit/", f"/training/modules/{city['module'].pk}/history/",
        "/training/facilitators/", "/training/facilitators/new/", f"/training/facilitators/{facilitator.pk}/edit/",
        f"/training/facilitators/{facilitator.pk}/history/", f"/training/people/{dana.pk}/", "/training/me/",
        "/training/completion/",
    ):  # fmt: skip
        _visit(page, live_server, path)
    # Forms shown with errors.
    _visit(page, live_server, "/training/modules/new/")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_accessible(page)
    # The roster grid: above capacity asks for a confirmation.
    _visit(page, live_server, f"/training/sessions/{session.pk}/roster/")
    page.locator("#id_roster-2-user").select_option(label="Paul Westberg (paul@example.org)")
    page.get_by_role("button", name="Save roster").click()
    expect(page.locator("[data-error-summary]")).to_contain_text("capacity is 1")
    assert_accessible(page)
    page.get_by_label("Save anyway").check()
    page.get_by_role("button", name="Save roster").click()
    expect(page.get_by_text("The roster has been saved.")).to_be_visible()
    assert Attendance.objects.filter(session=session).count() == 3
