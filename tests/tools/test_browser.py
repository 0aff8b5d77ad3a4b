"""The equity tool in real Chromium: a staff member fills a worksheet across two sittings, a manager returns it,
the staff member fixes it, the manager approves; axe on every page on the way."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import assert_accessible, login
from tests.factories import UserFactory
from tests.plans.factories import PlanFactory
from tests.tools.factories import full_template
from tools.models import Assessment, Question
from tools.services.templates import step_save, template_copy

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]

TEXT = "Our analysis, written in plain language."


def sign_out(page):
    page.context.clear_cookies()


def save_step(page, *, next_step=True):
    page.get_by_role("button", name="Save and go to the next step" if next_step else "Save this step").click()
    page.wait_for_load_state()


def fill_text(page, code, text=TEXT):
    # htmx is a deferred script: until the page's load event its autosave listeners may not be bound yet, and a
    # fill right after the heading appears would then save nothing.
    page.wait_for_load_state("load")
    page.get_by_label(re.compile(rf"^{re.escape(code)} ")).fill(text)


def fill_table(page, live_server, assessment, code, rows):
    """Open the table editor of `code`, add the rows (adding rows as needed), save and come back."""
    page.get_by_role("link", name=f"Edit the rows of table {code}").click()
    for index, row in enumerate(rows):
        if index:
            page.get_by_role("button", name="Add a row").click()
        for label, value in row.items():
            field = page.locator(f"#row-{index + 1}").get_by_label(label, exact=True)
            if field.evaluate("e => e.tagName") == "SELECT":
                field.select_option(value)
            else:
                field.fill(value)
    page.get_by_role("button", name="Save and return to the step").click()
    page.wait_for_load_state()


def test_browser_staff_and_manager_journey(page, live_server, personas):
    plan = PlanFactory(departments=[personas.dept], title="CD action plan")
    login(page, live_server, "staff")
    page.goto(f"{live_server.url}/tools/")
    assert_accessible(page)
    page.get_by_role("link", name="Start an assessment").click()
    page.get_by_role("button", name="Start").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Template").select_option(label="Racial Equity Tool (full, six steps) (v2)")
    page.get_by_label("Title of the proposal").fill("Down-payment assistance redesign")
    page.get_by_label("Type of decision").select_option("program")
    page.get_by_label("Department").select_option(label="Community Development")
    page.get_by_label("Housing").check()
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Step 1: Proposal and desired results")
    assessment = Assessment.objects.get()

    # First sitting: step 1 by autosave only.
    fill_text(page, "1.1", "A larger down-payment loan with community navigators.")
    expect(page.locator(".autosave-status").first).to_contain_text(re.compile(r"Saved at \d\d:\d\d"))
    fill_text(page, "1.2")
    fill_text(page, "1.3")
    expect(page.locator(".autosave-status").nth(2)).to_contain_text("Saved at")
    assert_accessible(page)
    page.goto(f"{live_server.url}/")  # leave
    sign_out(page)

    # Second sitting: nothing was lost.
    login(page, live_server, "staff")
    page.goto(f"{live_server.url}/tools/{assessment.pk}/steps/1/")
    expect(page.get_by_label(re.compile(r"^1\.1 "))).to_have_value(
        "A larger down-payment loan with community navigators."
    )
    page.get_by_role("link", name="Data", exact=True).click()
    page.get_by_label("Yes", exact=True).check()  # version 2: the areas follow-up is for "Yes"
    expect(page.get_by_label(re.compile("^If yes:"))).to_be_visible()
    page.get_by_label(re.compile("^If yes:")).fill("Louisiana Avenue and Texa-Tonka neighborhoods.")
    fill_text(page, "2.2")
    fill_text(page, "2.4")
    # Past the browser's maxlength (as a pasted or scripted answer could be): the server caps it with a message.
    page.get_by_label(re.compile(r"^2\.5 ")).evaluate("e => e.removeAttribute('maxlength')")
    page.get_by_label(re.compile(r"^2\.5 ")).fill("x" * 10001)
    save_step(page, next_step=False)
    expect(page.locator("[data-error-summary]")).to_contain_text("limit is 10000")
    assert_accessible(page)  # a step page with validation errors
    page.get_by_label(re.compile(r"^2\.5 ")).fill("Four of 19 loans went to households of color.")
    save_step(page, next_step=False)
    fill_table(
        page,
        live_server,
        assessment,
        "2.3",
        [
            {
                "Indicator": "Homeownership",
                "Group": "Black or African American",
                "Value": "24",
                "Year": "2022",
                "Source": "ACS",
            },
            {"Indicator": "Homeownership", "Group": "White", "Value": "72", "Year": "2022", "Source": "ACS"},
        ],
    )
    expect(page.locator("table.answer-table")).to_contain_text("Black or African American")
    # The table editor itself, with an error.
    page.get_by_role("link", name="Edit the rows of table 2.3").click()
    assert_accessible(page)
    page.locator("#row-1").get_by_label("Value", exact=True).fill("many")
    page.get_by_role("button", name="Save table").click()
    expect(page.locator("[data-error-summary]")).to_contain_text("Value must contain a number")
    assert_accessible(page)
    page.locator("#row-1").get_by_label("Value", exact=True).fill("24")
    page.get_by_role("button", name="Move row 2 up").click()
    expect(page.locator("#row-1").get_by_label("Group", exact=True)).to_have_value("White")
    page.get_by_role("button", name="Save and return to the step").click()

    page.goto(f"{live_server.url}/tools/{assessment.pk}/steps/3/")
    fill_text(page, "3.1")
    fill_text(page, "3.3")
    save_step(page)
    page.get_by_label("Increase", exact=True).check()
    fill_table(
        page,
        live_server,
        assessment,
        "4.2",
        [
            {
                "Affected group": "Black or African American",
                "Likely benefits": "Larger loans",
                "Likely burdens": "More debt",
                "Evidence": "Listening sessions",
            },
        ],
    )
    fill_table(
        page,
        live_server,
        assessment,
        "4.4",
        [
            {"Strategy": "Shared-appreciation loan", "Addresses": "Root cause", "Owner": "Housing"},
        ],
    )
    save_step(page)
    fill_text(page, "5.1")
    for code in ("5.2", "5.3", "5.4"):
        page.locator(f"fieldset:has(legend:text-matches('^{re.escape(code)} '))").get_by_label(
            "Yes", exact=True
        ).check()
    save_step(page)
    fill_text(page, "6.3")
    save_step(page, next_step=False)

    # Submitting with a required table still empty: the summary says what is missing, step by step.
    page.goto(f"{live_server.url}/tools/{assessment.pk}/")
    expect(page.locator("#missing-summary")).to_contain_text("6.1")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messages")).to_contain_text("required answers are missing")
    assert_accessible(page)
    page.goto(f"{live_server.url}/tools/{assessment.pk}/steps/6/")
    fill_table(
        page,
        live_server,
        assessment,
        "6.1",
        [
            {"Measure": "Loans by race", "Frequency": "Quarterly", "Owner": "Housing", "Where reported": "Dashboard"},
        ],
    )
    page.goto(f"{live_server.url}/tools/{assessment.pk}/")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("The assessment has been sent for review.")).to_be_visible()
    sign_out(page)

    # The manager returns it with a comment on a step.
    login(page, live_server, "manager")
    expect(page.get_by_role("heading", name="Waiting for my review")).to_be_visible()
    page.get_by_role("link", name="Down-payment assistance redesign").last.click()
    assert_accessible(page)
    page.get_by_role("button", name="Record decision").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_accessible(page)
    page.goto(f"{live_server.url}/tools/{assessment.pk}/steps/3/")
    page.get_by_label("Add a comment on this step").fill("Please add the engagement log.")
    page.get_by_role("button", name="Post comment").click()
    page.goto(f"{live_server.url}/tools/{assessment.pk}/review/")
    page.get_by_label("Return to the team with comments").check()
    page.get_by_label("Sign-off note or comments").fill("Step 3 needs the engagement log.")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("returned to its team")).to_be_visible()
    sign_out(page)

    # The staff member fixes it and resubmits.
    login(page, live_server, "staff")
    page.goto(f"{live_server.url}/tools/{assessment.pk}/steps/3/")
    expect(page.get_by_text("Please add the engagement log.")).to_be_visible()
    fill_table(
        page,
        live_server,
        assessment,
        "3.2",
        [
            {
                "Date": "2025-03-12",
                "Group or community": "Somali community",
                "Method": "Listening session",
                "Number of people": "34",
                "Language access": "Somali",
                "What was heard": "Need interest-free loans.",
            },
        ],
    )
    page.goto(f"{live_server.url}/tools/{assessment.pk}/")
    page.get_by_role("button", name="Submit for review").click()
    sign_out(page)

    # The manager approves, then turns the strategy into a plan action.
    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/tools/{assessment.pk}/review/")
    page.get_by_label("Approve and sign off").check()
    page.get_by_label("Sign-off note or comments").fill("Approved for council.")
    page.get_by_label("Recommendations").fill("Report loans by race quarterly.")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("approved and completed")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/tools/{assessment.pk}/steps/4/")
    page.get_by_role("link", name="Make row 1 a plan action").click()
    assert_accessible(page)
    page.get_by_role("combobox", name=re.compile(r"^Plan\b")).select_option(label=plan.title)
    page.get_by_label("Due date").fill("2026-06-30")
    page.get_by_role("button", name="Create and link the action").click()
    expect(page.locator("#actions-heading + div")).to_contain_text("Shared-appreciation loan")
    page.get_by_role("link", name="Shared-appreciation loan").click()
    expect(page.get_by_text("From racial equity assessments")).to_be_visible()
    page.goto(f"{live_server.url}/tools/{assessment.pk}/print/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/tools/{assessment.pk}/history/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/tools/{assessment.pk}/reopen/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/tools/completed/")
    assert_accessible(page)
    assert Assessment.objects.get().status == "completed"


def test_browser_stale_autosave_shows_both_versions(page, live_server, personas, full_draft):
    login(page, live_server, "staff")
    page.goto(f"{live_server.url}/tools/{full_draft.pk}/steps/1/")
    from tools.services.answers import answer_save

    question = Question.objects.get(step__template=full_draft.template, code="1.1")
    answer_save(assessment=full_draft, question=question, raw="Mia's wording", version=0, author=personas.manager)
    fill_text(page, "1.1", "Sam's wording")
    status = page.locator(f"#q{question.pk}-status")
    expect(status).to_contain_text("Mia Manager saved this answer")
    expect(status).to_contain_text("Mia's wording")
    expect(status).to_contain_text("Sam's wording")
    assert_accessible(page)
    status.get_by_role("button", name="Keep my version").click()
    expect(page.locator(f"#q{question.pk}-status")).to_contain_text("Saved at")
    assert question.answers.get().value == "Sam's wording"
    for path in (f"/tools/{full_draft.pk}/edit/", "/", f"/tools/{full_draft.pk}/"):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)


def test_browser_template_pages_are_accessible(page, live_server, personas):
    copy = template_copy(template=full_template(), author=personas.equity)
    step = copy.steps.get(number=4)
    question = step.questions.get(code="4.4")
    login(page, live_server, "equity")
    for path in (
        "/tools/templates/",
        f"/tools/templates/{copy.pk}/",
        f"/tools/templates/{copy.pk}/edit/",
        f"/tools/templates/{copy.pk}/steps/{step.pk}/edit/",
        f"/tools/templates/{copy.pk}/steps/{step.pk}/questions/{question.pk}/",
        f"/tools/templates/{copy.pk}/history/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
    page.goto(f"{live_server.url}/tools/templates/{copy.pk}/steps/{step.pk}/questions/new/")
    page.get_by_label("Type").select_option("table")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_accessible(page)
    page.get_by_role("textbox", name=re.compile("^Number")).fill("4.8")
    page.get_by_role("textbox", name=re.compile("^Question")).fill("Which partners will share the work?")
    page.get_by_label("Table columns").fill("Partner | text\nRole | choice | Lead; Support")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Which partners will share the work?")).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("now published")).to_be_visible()


def test_browser_stale_template_edit_shows_the_message_and_keeps_the_other_edit(page, live_server, personas):
    copy = template_copy(template=full_template(), author=personas.equity)
    colleague = UserFactory(is_equity_team=True, full_name="Cleo Colleague")
    step = copy.steps.get(number=2)
    login(page, live_server, "equity")
    page.goto(f"{live_server.url}/tools/templates/{copy.pk}/steps/{step.pk}/edit/")
    step_save(template=copy, author=colleague, step=step, revision=step.revision, title="Data, renamed first")
    page.get_by_label("Step title").fill("Data, renamed second")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("[data-error-summary]")).to_contain_text("since you opened this page")
    expect(page.locator("[data-error-summary]")).to_contain_text("Cleo Colleague changed this step")
    expect(page.locator("[data-error-summary]")).to_contain_text("Data, renamed first")
    assert_accessible(page)
    step.refresh_from_db()
    assert step.title == "Data, renamed first"
