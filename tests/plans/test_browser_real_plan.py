"""Issue 13's acceptance journey in real Chromium, with axe on every page: a published plan entered by spreadsheet
(shaped like San Francisco Public Works' Phase 1 plan: two focus areas, twelve actions with reference codes, co-leads,
year timelines and statuses as the city reported them, In progress, Ongoing and Not reported among them), then
American Community Survey homeownership data whose group names come from the source, through the mapping step, and
the gap table (signed gaps, one gap within the margins of error), the roll-up ("average of N reporting") and the
needing-attention order."""

import csv
import io

import pytest
from playwright.sync_api import expect

from plans.models import Action, Plan, RacialGroup, Result
from tests.browser import assert_accessible, login
from tests.plans.factories import IndicatorFactory, PlanFactory

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]

HIRING = "Hiring and recruitment reflect the communities we serve"
RETENTION = "Staff of colour stay, grow and are promoted"
HEADER = [
    "Result code", "Result", "Outcome code", "Outcome", "Action code", "Action", "Lead department",
    "Co-lead departments", "Co-lead teams", "Timeline", "Status", "Percent complete", "Status source",
]  # fmt: skip
# code, title, co-lead department, co-lead teams, timeline, status, percent (blank: not reported)
ACTIONS = [
    ("1.1.1", "Post every opening for 21 days with outreach to community groups", "Community Development",
     "Office of Racial Equity", "2021–22", "In progress", "40 %"),
    ("1.1.2", "Remove degree requirements where experience will do", "", "HR", "2021", "Completed", "100 %"),
    ("1.1.3", "Track applicants by race and ethnicity at each hiring step", "", "", "FY2022 Q2", "Not reported", ""),
    ("1.2.1", "Paid internships for African American, Latinx and Pacific Islander youth", "Community Development",
     "", "2022–23", "At risk", "15 %"),
    ("1.2.2", "Structured interviews with diverse panels", "", "", "Ongoing", "Ongoing", ""),
    ("1.2.3", "Publish hiring outcomes by race twice a year", "", "", "2022", "Off track", "10 %"),
    ("2.1.1", "Stay interviews with staff of colour", "", "HR", "2022", "Not started", "0 %"),
    ("2.1.2", "Mentoring for staff in field classifications", "Community Development", "", "2021–22",
     "In progress", "25 %"),
    ("2.1.3", "Promotion rates by race, published each year", "", "", "Ongoing", "Ongoing", ""),
    ("2.2.1", "Review acting assignments for equity", "", "", "FY2023 Q2", "Not reported", ""),
    ("2.2.2", "Implicit bias training for every supervisor", "", "Office of Racial Equity", "2021", "Completed",
     "100 %"),
    ("2.2.3", "Analyse exit surveys by race and ethnicity", "", "", "2022", "On track", "50 %"),
]  # fmt: skip


def plan_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for code, title, co_lead, teams, timeline, status, percent in ACTIONS:
        focus, objective = code.split(".")[0], ".".join(code.split(".")[:2])
        result = HIRING if focus == "1" else RETENTION
        outcome = {"1.1": "Open, fair recruitment", "1.2": "Pathways into city jobs", "2.1": "Staff stay",
                   "2.2": "Supervisors lead for equity"}[objective]  # fmt: skip
        writer.writerow([focus, result, objective, outcome, code, title, "Public Works", co_lead, teams, timeline,
                         status, percent, "Phase 1 progress report, 2023"])  # fmt: skip
    return out.getvalue().encode()


# Minnesota homeownership by race (ACS 5-year shape): value and margin of error, group names as the source writes
# them. 2023: Asian households (70.9 ± 2.3) are 1.4 points behind all households (72.3 ± 0.3): within the margins.
ACS = (
    "year,group,value,moe\n"
    "2019,All households,71.1%,0.3\n"
    '2019,"White alone, not Hispanic or Latino",76.5%,0.4\n'
    "2019,African American,24.7%,1.5\n"
    "2019,Asian American,56.9%,2.2\n"
    "2019,Hispanic/Latine,47.5%,2.4\n"
    "2023,All households,72.3%,0.3\n"
    '2023,"White alone, not Hispanic or Latino",77.4%,0.4\n'
    "2023,African American,28.4%,1.6\n"
    "2023,Asian American,70.9%,2.3\n"
    "2023,Hispanic/Latine,49.6%,2.5\n"
)


def _submit(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def test_browser_real_plan_by_spreadsheet_then_indicator_gaps_rollup_and_attention(page, live_server, personas):
    plan = PlanFactory(title="Public Works Racial Equity Action Plan, Phase 1", departments=[personas.other_dept],
                       status=Plan.Status.ADOPTED)  # fmt: skip
    login(page, live_server, "equity")

    # 1. The plan, by spreadsheet: upload, columns (matched by their headers), preview, apply.
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    page.get_by_role("link", name="Import a spreadsheet").click()
    assert_accessible(page)
    page.get_by_label("Spreadsheet (.csv or .xlsx)").set_input_files(
        files=[{"name": "public-works-phase-1.csv", "mimeType": "text/csv", "buffer": plan_csv()}]
    )
    _submit(page, "Upload and check")
    expect(page.get_by_role("heading", level=1)).to_have_text("Match the columns")
    assert_accessible(page)
    _submit(page, "Preview the import")
    expect(page.get_by_role("heading", level=1)).to_have_text("Preview the import")
    assert_accessible(page)
    expect(page.get_by_text("18 to create, 0 to update, 0 unchanged")).to_be_visible()  # 2 + 4 + 12
    _submit(page, "Apply the import")
    expect(page.get_by_role("heading", level=1)).to_have_text(plan.title)
    assert_accessible(page)

    actions = {a.code: a for a in Action.objects.filter(plan=plan).prefetch_related("co_lead_departments")}
    assert sorted(actions) == [row[0] for row in ACTIONS]
    assert actions["1.1.1"].timeline == "2021–22" and actions["2.2.1"].timeline == "FY2023 Q2"
    assert [d.name for d in actions["1.1.1"].co_lead_departments.all()] == ["Community Development"]
    assert actions["1.1.2"].co_lead_teams == "HR"
    assert (actions["1.2.2"].status, actions["1.2.2"].percent_complete) == ("ongoing", None)
    assert (actions["1.1.3"].status, actions["1.1.3"].percent_complete) == ("not_reported", None)
    assert (
        actions["1.1.1"].status == "in_progress" and actions["1.1.1"].status_source == "Phase 1 progress report, 2023"
    )

    # 2. The roll-up says how many actions it averages: 8 report a percent, 4 do not.
    expect(page.get_by_text("average of 8 reporting; 4 not reported").first).to_be_visible()

    # 3. Needing attention first on the actions list: off track, then at risk, then the overdue ones.
    page.goto(f"{live_server.url}/plans/{plan.pk}/actions/?sort=attention")
    assert_accessible(page)
    rows = page.locator("table tbody tr")
    expect(rows.nth(0)).to_contain_text("1.2.3")
    expect(rows.nth(0)).to_contain_text("Off track")
    expect(rows.nth(1)).to_contain_text("1.2.1")
    expect(rows.nth(1)).to_contain_text("At risk")
    expect(rows.nth(2)).to_contain_text("overdue")
    for code in ("1.2.2", "2.1.3"):  # Ongoing: never overdue, after the overdue ones
        expect(page.locator("table tbody tr", has_text=code)).not_to_contain_text("overdue")

    # 4. An indicator for the first focus area, its ACS data through the group-name mapping step.
    result = Result.objects.get(plan=plan, code="1")
    indicator = IndicatorFactory(result=result, name="Homeownership rate", unit="%", decimal_places=1,
                                 target_year=2030)  # fmt: skip
    page.goto(f"{live_server.url}/plans/indicators/{indicator.pk}/")
    page.get_by_role("link", name="Upload CSV").click()
    assert_accessible(page)
    page.get_by_label("CSV file").set_input_files(
        files=[{"name": "acs-s2502.csv", "mimeType": "text/csv", "buffer": ACS.encode()}]
    )
    page.get_by_label("Data source").fill("American Community Survey 5-year, table S2502")
    _submit(page, "Check the file")
    expect(page.get_by_role("heading", level=1)).to_have_text("Match the group names")
    assert_accessible(page)
    groups = {g.code: g for g in RacialGroup.objects.all()}
    total = next(g for g in groups.values() if g.is_total)
    picks = {"All households": total, "White alone, not Hispanic or Latino": groups["white"],
             "African American": groups["black"], "Asian American": groups["asian"],
             "Hispanic/Latine": groups["hispanic"]}  # fmt: skip
    for name, group in picks.items():
        page.get_by_label(f"Group for “{name}”").select_option(str(group.pk))
    _submit(page, "Import with these groups")
    expect(page.get_by_role("heading", level=1)).to_have_text("Homeownership rate")
    assert_accessible(page)

    # 5. Gaps against all residents are signed (White households are ahead: a negative gap), and Asian households'
    # 1.4-point gap is within the margins of error.
    page.get_by_role("link", name="Compare with all residents instead").click()
    page.wait_for_load_state()
    assert_accessible(page)
    table = page.get_by_role("table", name=f"2023: reference {total.name} (72.3)")
    expect(table.get_by_role("row", name=groups["white"].name)).to_contain_text("-5.1")
    black = table.get_by_role("row", name=groups["black"].name)
    expect(black).to_contain_text("+43.9")
    expect(black.get_by_role("cell").last).to_have_text("significant")
    asian = table.get_by_role("row", name=groups["asian"].name)
    expect(asian).to_contain_text("+1.4")
    expect(asian.get_by_role("cell").last).to_have_text("not significant")
