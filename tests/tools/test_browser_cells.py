"""Issue 14 in real Chromium with axe: a worksheet filled with what analysts actually write (a Neighborhoods 2020
funding formula analysis): number cells with units and ranges, Not stated cells and yes/no answers, a free-text
affected group, and the table saved by autosave alone."""

import re

import pytest
from playwright.sync_api import expect

from plans.models import RacialGroup
from tests.browser import assert_accessible, login
from tests.tools.factories import AssessmentFactory
from tools.models import Answer, Question, Template
from tools.services.template_exchange import shipped_templates_ensure

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]

OTHER = "Community organisations historically not funded"


def test_browser_real_cells_not_stated_and_other_groups_autosave(page, live_server, personas):
    shipped_templates_ensure()
    RacialGroup.objects.update_or_create(code="black", defaults={"name": "Black or African American"})
    assessment = AssessmentFactory(
        department=personas.dept,
        lead=personas.staff,
        team=[personas.staff],
        template=Template.objects.get(slug="gare-full", version=2),
        title="Neighborhoods 2020 funding formula",
    )
    data = Question.objects.get(step__template=assessment.template, code="2.3")
    matrix = Question.objects.get(step__template=assessment.template, code="4.2")
    login(page, live_server, "staff")

    # Step 2: the geography question's follow-up is for Yes.
    page.goto(f"{live_server.url}/tools/{assessment.pk}/steps/2/")
    page.wait_for_load_state("load")
    areas = page.locator("#question-" + str(Question.objects.get(step__template=assessment.template, code="2.1").pk))
    follow_up = areas.get_by_label(re.compile(r"^If yes: "))
    expect(follow_up).to_be_hidden()
    areas.get_by_label("Yes", exact=True).check()
    expect(follow_up).to_be_visible()
    follow_up.fill("Phillips and Cedar-Riverside")
    expect(areas.locator(".autosave-status")).to_contain_text("Saved at")
    areas.get_by_label("No", exact=True).check()
    expect(follow_up).to_be_hidden()
    assert_accessible(page)

    # The data table: unit and range cells, a Not stated cell; saved by autosave without pressing Save.
    page.get_by_role("link", name="Edit the rows of table 2.3").click()
    page.wait_for_load_state("load")
    row = page.locator("#row-1")
    row.get_by_label("Indicator", exact=True).fill("Households cost-burdened")
    row.get_by_label("Group", exact=True).fill("Black or African American")
    row.get_by_label("Value", exact=True).fill("20\u00a0%")
    row.get_by_label("Year", exact=True).fill("2012\u20132016")
    page.locator("#r0-source-ns").check()
    expect(page.locator(f"#q{data.pk}-status")).to_contain_text(re.compile(r"Saved at \d\d:\d\d"))
    expect(page.locator(f"#q{data.pk}-version")).not_to_have_value("0")
    assert_accessible(page)
    stored = Answer.objects.get(question=data).value[0]
    assert stored["value"] == "20\u00a0%" and stored["year"] == "2012\u20132016"
    assert stored["source"] == {"not_stated": True}
    assert stored["group"] == {"kind": "listed", "name": "Black or African American"}
    # A cell that holds no number is explained, nothing is saved, and the typed text stays.
    row.get_by_label("Value", exact=True).fill("many")
    expect(page.locator(f"#q{data.pk}-status")).to_contain_text("Value must contain a number")
    expect(row.get_by_label("Value", exact=True)).to_have_value("many")
    assert Answer.objects.get(question=data).value[0]["value"] == "20\u00a0%"
    row.get_by_label("Value", exact=True).fill("about 400")
    expect(page.locator(f"#q{data.pk}-status")).to_contain_text("Saved at")
    page.get_by_role("button", name="Save and return to the step").click()
    page.wait_for_load_state()
    answers = page.locator(f"#question-{data.pk}")
    expect(answers).to_contain_text("2012\u20132016")
    expect(answers).to_contain_text("Not stated")

    # Step 4: a benefit/burden row for a group not on the city's list.
    page.goto(f"{live_server.url}/tools/{assessment.pk}/tables/{matrix.pk}/")
    page.wait_for_load_state("load")
    row = page.locator("#row-1")
    row.get_by_label("Affected group", exact=True).fill(OTHER)
    row.get_by_label("Likely benefits", exact=True).fill("First access to formula funds")
    page.locator("#r0-evidence-ns").check()
    expect(page.locator(f"#q{matrix.pk}-status")).to_contain_text("Saved at")
    assert Answer.objects.get(question=matrix).value[0]["group"] == {"kind": "other", "name": OTHER}
    page.reload()
    expect(page.locator("#row-1")).to_contain_text("Other group")
    assert_accessible(page)

    # Step 5: a yes/no answered Not stated.
    page.goto(f"{live_server.url}/tools/{assessment.pk}/steps/5/")
    page.wait_for_load_state("load")
    staffed = Question.objects.get(step__template=assessment.template, code="5.4")
    box = page.locator(f"#question-{staffed.pk}")
    box.get_by_label("Not stated", exact=True).check()
    expect(box.locator(".autosave-status")).to_contain_text("Saved at")
    expect(box.get_by_label(re.compile(r"^If no: "))).to_be_hidden()
    assert Answer.objects.get(question=staffed).value == {"answer": "not_stated", "follow_up": ""}
    assert_accessible(page)
    page.goto(f"{live_server.url}/tools/{assessment.pk}/steps/4/")
    expect(page.locator(f"#question-{matrix.pk}")).to_contain_text(f"{OTHER} (other group)")
