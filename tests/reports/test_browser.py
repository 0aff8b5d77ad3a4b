"""Reports in real Chromium: a manager requests a report, waits for it, downloads it; axe on every Reports page."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reports import jobs
from reports.models import ReportJob
from tests.browser import assert_accessible, login
from tests.factories import DepartmentFactory, UserFactory
from tests.reports.factories import pdf_text

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def manager():
    department = DepartmentFactory(name="Community Development", code="CD")
    UserFactory(username="dana", full_name="Dana Okafor", departments=[department])
    return UserFactory(username="mia", full_name="Mia Manager", departments=[department], is_manager=True)


def test_browser_manager_requests_waits_for_and_downloads_a_report(page, live_server, manager, tmp_path):
    login(page, live_server, "mia")
    page.get_by_role("link", name="Reports").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reports")
    expect(page.get_by_text("No reports have been requested yet.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Department staff and roles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Department staff and roles")
    assert_accessible(page)
    page.get_by_label("Department").select_option(label="Community Development")
    page.get_by_role("button", name="Continue").click()
    assert_accessible(page)
    page.get_by_label("Include deactivated accounts").check()
    page.get_by_role("button", name="Request the report").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Staff and roles: Community Development")
    expect(page.locator("#job-status [role=status]")).to_contain_text("Ready", timeout=30_000)
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    target = tmp_path / "report.pdf"
    download_info.value.save_as(target)
    text = pdf_text(target)
    assert "Dana Okafor" in text and "Page 1 of 1" in text

    page.get_by_role("link", name="Reports").first.click()
    expect(page.get_by_role("link", name="Staff and roles: Community Development", exact=True)).to_be_visible()
    assert_accessible(page)


def test_browser_job_page_updates_itself_while_queued(page, live_server, manager):
    department = manager.departments.get()
    job = ReportJob.objects.create(
        kind="department_roster",
        title="Staff and roles: Community Development",
        params={"target": department.pk},
        requested_by=manager,
        department=department,
        queued_at=timezone.now(),
        sent_at=timezone.now(),
    )
    login(page, live_server, "mia")
    page.goto(f"{live_server.url}/reports/{job.pk}/")
    expect(page.locator("#job-status [role=status]")).to_contain_text("Waiting for a worker")
    assert_accessible(page)
    jobs.report_job_run(job_id=job.pk)  # a worker builds it meanwhile; htmx polling shows the result
    expect(page.get_by_role("link", name="Download PDF")).to_be_visible(timeout=10_000)
    assert_accessible(page)


def test_browser_failed_job_and_chooser_errors_are_accessible(page, live_server, manager):
    department = manager.departments.get()
    job = ReportJob.objects.create(
        kind="department_roster",
        title="Staff and roles: Community Development",
        params={"target": department.pk},
        requested_by=manager,
        status=ReportJob.Status.FAILED,
        attempts=1,
        queued_at=timezone.now(),
        error="The report stopped without finishing (its worker was lost or it ran past the time limit).",
    )
    login(page, live_server, "mia")
    page.goto(f"{live_server.url}/reports/{job.pk}/")
    expect(page.get_by_text("stopped without finishing")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Try again").click()
    expect(page.locator("#job-status [role=status]")).to_contain_text("Ready", timeout=30_000)

    page.goto(f"{live_server.url}/reports/new/department_roster/?target=999999")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_accessible(page)


def test_browser_manager_requests_the_plan_progress_report_from_the_plan_page(page, live_server, manager, tmp_path):
    from tests.plans.factories import ActionFactory, OutcomeFactory, PlanFactory, ResultFactory

    department = manager.departments.get()
    plan = PlanFactory(title="Housing Stability Action Plan", departments=[department], owner=manager)
    outcome = OutcomeFactory(result=ResultFactory(plan=plan, statement="All residents have stable housing"))
    action = ActionFactory(plan=plan, title="Launch a tenant legal-aid fund", lead_department=department)
    action.outcomes.add(outcome)

    login(page, live_server, "mia")
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    page.get_by_role("link", name="Progress report (PDF)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan progress report")
    assert_accessible(page)
    page.get_by_label("Department").select_option(label="Community Development")
    page.get_by_role("button", name="Request the report").click()
    expect(page.locator("#job-status [role=status]")).to_contain_text("Ready", timeout=60_000)
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    target = tmp_path / "plan.pdf"
    download_info.value.save_as(target)
    text = pdf_text(target)
    assert "Housing Stability Action Plan" in text and "Launch a tenant legal-aid fund" in text
    assert "Page 1 of" in text


def test_browser_training_completion_form_with_errors_is_accessible(page, live_server, manager):
    login(page, live_server, "mia")
    page.goto(f"{live_server.url}/reports/")
    page.get_by_role("link", name="Training completion report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Training completion report")
    assert_accessible(page)
    page.get_by_label("Completed from").fill("2026-12-31")
    page.get_by_label("Completed to").fill("2026-01-01")
    page.get_by_role("button", name="Request the report").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("[data-error-summary]")).to_contain_text("The end of the period is before its start.")
    assert_accessible(page)
