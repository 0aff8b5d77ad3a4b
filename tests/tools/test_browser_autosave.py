"""Issue 15, finding 4 in real Chromium with axe: an autosave that gets a 500 or a dropped connection says
"Not saved: retrying", keeps the typed text, retries with backoff until it saves, warns before leaving with unsaved
text, and a save that committed but whose response was lost is not a conflict with the next one (ADR 0045)."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser import assert_accessible, login
from tests.tools.factories import AssessmentFactory, full_template
from tools.models import Answer, Question

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]

RETRY_WINDOW_MS = 40_000  # the backoff (1, 2, 4, 8, 16, 30 s) reaches a save well within this


@pytest.fixture
def worksheet(personas):
    assessment = AssessmentFactory(
        department=personas.dept,
        lead=personas.staff,
        team=[personas.staff],
        template=full_template(),
        title="Affordable housing trust fund",
    )
    return assessment, Question.objects.get(step__template=assessment.template, code="1.1")


def open_step(page, live_server, assessment, question):
    login(page, live_server, "staff")
    page.goto(f"{live_server.url}/tools/{assessment.pk}/steps/{question.step.number}/")
    page.wait_for_load_state("load")  # htmx is deferred: its listeners are bound by the load event
    return page.get_by_label(re.compile(r"^1\.1 ")), page.locator(f"#q{question.pk}-status")


def autosave_url(assessment, question) -> str:
    return f"**/tools/{assessment.pk}/answers/{question.pk}/"


def test_browser_autosave_500_says_not_saved_retries_and_keeps_text(page, live_server, worksheet):
    assessment, question = worksheet
    field, status = open_step(page, live_server, assessment, question)
    attempts: list[float] = []

    def fail(route):
        attempts.append(time.monotonic())
        route.fulfill(status=500, content_type="text/html", body="<h1>Server Error (500)</h1>")

    page.route(autosave_url(assessment, question), fail)
    field.fill("Fund 40 homes for families earning under 30% of AMI")
    expect(status).to_contain_text("Not saved: retrying")
    expect(status).not_to_contain_text("Saved at")
    expect(field).to_have_value("Fund 40 homes for families earning under 30% of AMI")
    assert_accessible(page)
    deadline = time.monotonic() + 15
    while len(attempts) < 3 and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    assert len(attempts) >= 3, attempts
    gaps = [later - earlier for earlier, later in zip(attempts, attempts[1:], strict=False)]
    # The backoff waits at least 1 s, then at least 2 s; a busy machine may add to either wait, so no upper bound.
    assert gaps[0] > 0.8 and gaps[1] > 1.8, gaps
    assert not Answer.objects.filter(question=question).exclude(value=None).exists()

    page.unroute(autosave_url(assessment, question))
    expect(status).to_contain_text(re.compile(r"Saved at \d\d:\d\d"), timeout=RETRY_WINDOW_MS)
    expect(field).to_have_value("Fund 40 homes for families earning under 30% of AMI")
    answer = Answer.objects.get(question=question, assessment=assessment)
    assert answer.value == "Fund 40 homes for families earning under 30% of AMI"
    assert_accessible(page)


def test_browser_autosave_dropped_connection_warns_before_leaving(page, live_server, worksheet):
    assessment, question = worksheet
    field, status = open_step(page, live_server, assessment, question)
    page.route(autosave_url(assessment, question), lambda route: route.abort("connectionreset"))
    field.fill("Draft that must not be lost")
    expect(status).to_contain_text("Not saved: retrying")
    expect(field).to_have_value("Draft that must not be lost")
    page.on("dialog", lambda dialog: dialog.dismiss())  # stay on the page
    with page.expect_event("dialog") as leaving:
        page.close(run_before_unload=True)
    assert leaving.value.type == "beforeunload"
    expect(field).to_have_value("Draft that must not be lost")


def test_browser_autosave_lost_response_is_not_a_conflict_with_the_next_save(page, live_server, worksheet):
    assessment, question = worksheet
    field, status = open_step(page, live_server, assessment, question)

    def commit_then_drop(route):
        route.fetch()  # the server saves it ...
        route.abort("connectionreset")  # ... and the browser never hears back

    page.route(autosave_url(assessment, question), commit_then_drop, times=1)
    field.fill("Fund 40")
    expect(status).to_contain_text("Not saved: retrying")
    assert Answer.objects.get(question=question, assessment=assessment).value == "Fund 40"
    field.fill("Fund 40 homes")  # typed on while the page still holds the version before the lost save
    expect(status).to_contain_text(re.compile(r"Saved at \d\d:\d\d"), timeout=RETRY_WINDOW_MS)
    expect(status).not_to_contain_text("Not saved")
    answer = Answer.objects.get(question=question, assessment=assessment)
    assert answer.value == "Fund 40 homes" and answer.version == 2
    assert_accessible(page)
