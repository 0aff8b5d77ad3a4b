"""The library in real Chromium, as a new user would try it, with axe on every page on the way."""

import json
import uuid

import pytest
from playwright.sync_api import expect

from library.models import ExchangeImport, NarrativeVersion, Practice
from library.services.exchange import exchange_import_job_run
from tests.browser import assert_accessible, login
from tests.factories import DepartmentFactory, UserFactory
from tests.library.factories import AttachmentFactory, PracticeFactory
from tests.plans.factories import ActionFactory, PlanFactory
from tests.tools.factories import full_template
from tools.models import Question, Step, Template

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people():
    department = DepartmentFactory(name="Community Development", code="CD")
    return {
        "equity": UserFactory(
            username="elena", full_name="Elena Ramirez", departments=[department], is_equity_team=True
        ),
        "staff": UserFactory(username="dana", full_name="Dana Okafor", departments=[department]),
    }


def test_browser_equity_team_writes_publishes_revises_and_compares(page, live_server, people):
    page.on("dialog", lambda dialog: dialog.accept())
    login(page, live_server, "elena")
    page.goto(f"{live_server.url}/library/narratives/")
    assert_accessible(page)
    page.get_by_role("link", name="Start a narrative").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Moving forward together")
    page.get_by_role("button", name="Start writing").click()

    # The editor, first with an error (a section without a heading), then filled in properly.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Edit:")
    assert_accessible(page)
    page.get_by_label("Section text").first.fill("<p>No heading yet</p>")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Section heading").first.fill("The history of government and race")
    body = page.get_by_label("Section text").first
    body.fill("Initially explicit.")
    body.select_text()
    page.get_by_role("button", name="Paragraph").first.click()
    body.press("End")
    body.type('<ul><li>Then “race-neutral”</li></ul><script>alert(1)</script><a href="javascript:alert(1)">x</a>')
    page.get_by_role("button", name="Save draft").click()

    expect(page.get_by_text("Draft saved")).to_be_visible()
    expect(page.get_by_role("heading", name="The history of government and race")).to_be_visible()
    expect(page.locator("article li")).to_have_text("Then “race-neutral”")
    assert page.locator("article script").count() == 0
    assert_accessible(page)
    page.get_by_role("button", name="Publish this version").click()
    expect(page.get_by_text("Version 1 is published")).to_be_visible()
    assert_accessible(page)

    # A second version, with one more section, then the comparison.
    page.get_by_role("link", name="Write a new version").click()
    page.get_by_role("button", name="Add a section").click()
    page.get_by_label("Section heading").nth(2).fill("Government for racial equity")
    page.get_by_label("Section text").nth(2).fill("<p>Proactive policies that advance racial equity.</p>")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved")).to_be_visible()
    page.get_by_role("button", name="Publish this version").click()
    expect(page.get_by_text("Version 2 is published")).to_be_visible()
    expect(page.get_by_role("cell", name="Superseded")).to_be_visible()
    page.get_by_role("link", name="Compare versions").click()
    expect(page.get_by_text("Changes from version 1 to version 2")).to_be_visible()
    expect(page.locator("ins").first).to_contain_text("Government for racial equity")
    expect(page.get_by_text("Added:").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="City-wide racial equity narrative").click()
    page.get_by_role("link", name="Version 1").click()
    expect(page.get_by_text("has been superseded")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="History of this version").click()
    assert_accessible(page)
    assert NarrativeVersion.objects.filter(status="published").get().number == 2

    # Staff read it from the dashboard.
    page.context.clear_cookies()
    login(page, live_server, "dana")
    panel = page.get_by_role("region", name="Our racial equity narrative")
    expect(panel).to_contain_text("Moving forward together")
    assert_accessible(page)
    panel.get_by_role("link", name="Read the whole narrative").click()
    expect(page.get_by_role("heading", name="Government for racial equity")).to_be_visible()
    assert_accessible(page)


def test_browser_practice_suggested_reviewed_exported_and_imported(page, live_server, people, tmp_path):
    PracticeFactory(title="Interpretation at every public meeting", suggested_by=people["equity"])
    login(page, live_server, "dana")
    page.goto(f"{live_server.url}/library/")
    assert_accessible(page)
    page.get_by_role("link", name="Suggest a practice").click()
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Title").fill("Diverse interview panels")
    page.get_by_label("Summary").fill("Every panel includes someone from outside the work group.")
    page.get_by_label("Practice", exact=True).check()
    page.get_by_label("Workforce equity (internal)").check()
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.get_by_text("the equity team will review")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/library/practices/suggestions/")
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, live_server, "elena")
    page.goto(f"{live_server.url}/library/practices/suggestions/")
    page.get_by_role("link", name="Diverse interview panels").click()
    page.get_by_role("link", name="Review this suggestion").click()
    page.get_by_label("Decline").check()
    page.get_by_role("button", name="Record decision").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Publish to the library").check()
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Published to the library.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Edit").click()
    assert_accessible(page)
    page.goto(page.url.replace("/edit/", "/attachments/new/"))
    page.get_by_role("button", name="Upload").click()
    assert_accessible(page)
    page.goto(page.url.replace("/attachments/new/", "/history/"))
    assert_accessible(page)

    # Export the two practices, then import the file into an empty library.
    page.goto(f"{live_server.url}/library/?q=interview")
    assert_accessible(page)
    template = full_template()
    page.goto(f"{live_server.url}/library/")
    for box in page.locator('input[name="practice"]').all():
        box.check()
    page.get_by_label(f"{template.name} (version 1)").check()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export selected (JSON)").click()
    path = tmp_path / "export.json"
    download_info.value.save_as(path)
    exported = json.loads(path.read_text())
    assert len(exported["practices"]) == 2 and [t["title"] for t in exported["tool_templates"]] == [template.name]
    Practice.objects.all().delete()
    Question.objects.all().delete()
    Step.objects.all().delete()
    Template.objects.all().delete()

    page.goto(f"{live_server.url}/library/exchange/import/")
    assert_accessible(page)
    bad = tmp_path / "bad.json"
    record = {"uid": str(uuid.uuid4()), "title": "", "summary": "s", "kind": "law", "jurisdiction": "X", "extra": 1}
    bad.write_text(
        json.dumps(
            {
                "format": "equity-portal-exchange",
                "schema_version": 1,
                "exported_at": "2026-01-01T00:00:00Z",
                "source": {"jurisdiction": "X"},
                "practices": [record],
            }
        )
    )
    page.get_by_label("Exchange file (JSON)").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("practices[1].kind")
    expect(summary).to_contain_text("unknown field(s): 'extra'")
    assert_accessible(page)
    page.get_by_label("Exchange file (JSON)").set_input_files(str(path))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="2 practices will be created")).to_be_visible()
    expect(page.get_by_test_id("to-create")).to_contain_text("Diverse interview panels")
    expect(page.get_by_test_id("templates-to-create")).to_contain_text(template.name)
    assert_accessible(page)
    page.get_by_role("button", name="Import 2 practices and 1 template").click()
    expect(page.get_by_text("2 practice(s) and 1 worksheet template(s) imported")).to_be_visible()
    assert Practice.objects.count() == 2
    assert Template.objects.get().status == "draft"


def test_browser_practice_detail_with_attachment_link_to_action_and_other_pages(page, live_server, people):
    practice = PracticeFactory(title="Co-responder model", suggested_by=people["equity"])
    AttachmentFactory(practice=practice, uploaded_by=people["equity"])
    department = people["staff"].departments.get()
    action = ActionFactory(
        plan=PlanFactory(title="Public safety plan", departments=[department]),
        title="Pair officers with mental health professionals",
        lead_department=department,
    )
    login(page, live_server, "elena")
    page.goto(f"{live_server.url}/library/practices/{practice.pk}/")
    expect(page.get_by_role("link", name="notes.txt")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Link to a plan action").click()
    page.get_by_role("button", name="Link").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Plan action").select_option(str(action.pk))
    page.get_by_role("button", name="Link").click()
    expect(page.get_by_role("link", name="Pair officers with mental health professionals")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Pair officers with mental health professionals").click()
    expect(page.get_by_role("region", name="Practices this action adopts")).to_contain_text("Co-responder model")
    page.goto(f"{live_server.url}/library/practices/new/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/library/narratives/new/")
    page.get_by_label("Title").fill("")
    page.get_by_role("button", name="Start writing").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)


def test_browser_import_job_page_updates_itself_when_the_worker_finishes(page, live_server, people):
    uid = str(uuid.uuid4())
    payload = {
        "format": "equity-portal-exchange",
        "schema_version": 1,
        "exported_at": "2026-01-01T00:00:00Z",
        "source": {"jurisdiction": "City of Minneapolis"},
        "practices": [{"uid": uid, "title": "Language access", "summary": "S", "kind": "policy", "jurisdiction": "X"}],
    }
    job = ExchangeImport.objects.create(uploaded_by=people["equity"], filename="big.json", payload=json.dumps(payload))
    login(page, live_server, "elena")
    page.goto(f"{live_server.url}/library/exchange/imports/{job.pk}/")
    expect(page.get_by_role("status")).to_contain_text("waiting for a worker")
    assert_accessible(page)
    exchange_import_job_run(job_id=job.pk)  # the worker
    expect(page.get_by_role("status")).to_contain_text("1 practice imported", timeout=10_000)
    assert_accessible(page)
    page.get_by_role("link", name="Open the practice library").click()
    expect(page.get_by_role("link", name="Language access")).to_be_visible()
