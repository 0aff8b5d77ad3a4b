"""The plan spreadsheet import in real Chromium, with axe on every step: the documented example (two focus areas,
twelve actions) goes upload -> columns -> preview -> apply, and the plan page shows it."""

import pytest
from playwright.sync_api import expect

from plans.models import Action, ImportMapping
from tests.browser import assert_accessible, login
from tests.plans.factories import PlanFactory
from tests.plans.plan_files import example_csv, example_departments

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]


def _submit(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def test_browser_import_example_plan_through_every_step(page, live_server, personas):
    example_departments()
    plan = PlanFactory(title="Racial equity action plan 2026", departments=[personas.dept])
    login(page, live_server, "equity")
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    page.get_by_role("link", name="Import a spreadsheet").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Import a spreadsheet")
    assert_accessible(page)

    page.get_by_label("Spreadsheet (.csv or .xlsx)").set_input_files(
        files=[{"name": "equity-plan.csv", "mimeType": "text/csv", "buffer": example_csv()}]
    )
    _submit(page, "Upload and check")
    expect(page.get_by_role("heading", level=1)).to_have_text("Match the columns")
    assert_accessible(page)
    expect(page.get_by_label("Column “Lead department”")).to_have_value("lead_department")
    page.get_by_label("Column “Staff time”").select_option(label="Ignore this column")
    _submit(page, "Preview the import")

    expect(page.get_by_role("heading", level=1)).to_have_text("Preview the import")
    assert_accessible(page)
    expect(page.get_by_text("18 to create, 0 to update, 0 unchanged")).to_be_visible()
    expect(page.get_by_role("cell", name="Action: Right to counsel in eviction court", exact=True)).to_be_visible()
    _submit(page, "Apply the import")

    expect(page.get_by_role("heading", level=1)).to_have_text(plan.title)
    expect(page.get_by_text("18 created, 0 updated, 0 unchanged")).to_be_visible()
    assert_accessible(page)
    assert Action.objects.filter(plan=plan).count() == 12
    assert not Action.objects.filter(plan=plan).exclude(staff_time="").exists()
    assert ImportMapping.objects.get().columns[examples_index("staff_time")] == ""


def examples_index(key: str) -> int:
    from plans.imports.columns import COLUMNS

    return [c.key for c in COLUMNS].index(key)
