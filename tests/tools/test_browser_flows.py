"""Issue 14's worksheet flows in real Chromium with axe: the team sees "Returned to you with comments"; the equity
team sends a data-by-race table to a plan indicator (mapping a group name on the way) and links the worksheet's
strategy to another department's plan action."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from plans.models import IndicatorDataPoint
from tests.browser import assert_accessible, login
from tests.plans.factories import ActionFactory, IndicatorFactory, PlanFactory, ResultFactory
from tests.tools.conftest import answer_all_required
from tests.tools.factories import AssessmentFactory, full_template
from tools.models import ActionLink, Answer, Assessment, Question
from tools.services.lifecycle import assessment_return

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]

ROWS = [
    {"indicator": "Homeownership rate", "group": "Asian", "value": "52.5 %", "year": "2024", "source": "ACS"},
    {"indicator": "Homeownership rate", "group": "Black or African American", "value": "about 24", "year": "2024"},
    {"indicator": "Homeownership rate", "group": "Hispanic or Latino", "value": "31", "year": "2024"},
    {"indicator": "Homeownership rate", "group": "All residents", "value": "60-62", "year": "2024"},
]


@pytest.fixture
def returned_worksheet(personas):
    """A Community Development worksheet returned by its manager with comments, its table 2.3 filled in."""
    assessment = AssessmentFactory(
        department=personas.dept,
        lead=personas.staff,
        team=[personas.staff],
        template=full_template(),
        status=Assessment.Status.IN_REVIEW,
        title="Down-payment assistance redesign",
    )
    answer_all_required(assessment, personas.staff)
    question = Question.objects.get(step__template=assessment.template, code="2.3")
    Answer.objects.update_or_create(assessment=assessment, question=question, defaults={"value": ROWS, "version": 2})
    assessment_return(assessment=assessment, author=personas.manager, comments="Add the 2024 engagement log.")
    return assessment


def test_browser_returned_send_to_indicator_link_across_departments(page, live_server, personas, returned_worksheet):
    indicator = IndicatorFactory(
        name="Homeownership rate", data_source="ACS 5-year", result=ResultFactory(plan=PlanFactory())
    )
    works_plan = PlanFactory(departments=[personas.other_dept], title="Public Works REAP")
    works_action = ActionFactory(plan=works_plan, lead_department=personas.other_dept, title="Sidewalks by need")

    login(page, live_server, "staff")
    expect(page.get_by_text("Returned to you with comments").first).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/tools/?scope=mine")
    expect(page.get_by_role("row", name="Down-payment assistance redesign")).to_contain_text(
        "Returned to you with comments"
    )
    assert_accessible(page)
    page.context.clear_cookies()

    login(page, live_server, "equity")
    page.goto(f"{live_server.url}/tools/{returned_worksheet.pk}/steps/2/")
    page.get_by_role("link", name="Send table 2.3 to a plan indicator").click()
    assert_accessible(page)
    page.get_by_label("Indicator").select_option(label="Homeownership rate")
    page.get_by_label("Year of the data").fill("2024")
    page.get_by_label("Column with the values").select_option(label="Value")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#preview-summary")).to_contain_text("2 values will be saved for 2024")
    expect(page.get_by_role("row", name="60-62")).to_contain_text("not one number")
    assert_accessible(page)
    page.get_by_label("Group for “Hispanic or Latino”").select_option(label="Hispanic or Latino (any race)")
    page.get_by_role("button", name="Update the preview").click()
    expect(page.locator("#preview-summary")).to_contain_text("3 values will be saved for 2024")
    assert_accessible(page)
    page.get_by_role("button", name="Send the values").click()
    expect(page.get_by_text("3 values for 2024 were sent to the indicator “Homeownership rate”.")).to_be_visible()
    assert_accessible(page)
    values = IndicatorDataPoint.objects.filter(indicator=indicator, year=2024).values_list("value", flat=True)
    assert sorted(values) == [Decimal("24"), Decimal("31"), Decimal("52.5")]

    page.goto(f"{live_server.url}/tools/{returned_worksheet.pk}/actions/")
    assert_accessible(page)
    page.get_by_label("Existing plan action").select_option(label="Public Works REAP: Sidewalks by need (Public Works)")
    page.get_by_role("button", name="Link the action", exact=True).click()
    expect(page.get_by_text("The plan action is linked to this assessment.")).to_be_visible()
    assert_accessible(page)
    assert ActionLink.objects.get().action == works_action
