"""The downloadable example plan and the empty template of the plan spreadsheet, built from the column registry so
they always carry every column the import reads (docs/plans.md, "Importing a whole plan")."""

from __future__ import annotations

from plans.imports.columns import COLUMNS

_HOUSING = "All residents have safe, stable and affordable housing"
_JOBS = "All residents share in the city’s economic growth"

# A real-shaped plan: two focus areas (codes 1 and 2), four outcomes (1.1 …), twelve actions (1.1.1 …) with co-leads,
# written timelines and a mix of statuses (blank percent: not reported). Keys are column keys (plans.imports.columns);
# the department names must be departments of the portal ("Community Development", "Human Resources", "Finance"),
# the priority, effort and impact labels levels of their scales (settings page).
_H1 = {
    "result_code": "1",
    "result": _HOUSING,
    "outcome_code": "1.1",
    "outcome": "Close the homeownership gap for African American households",
}
_H2 = {"result_code": "1", "result": _HOUSING, "outcome_code": "1.2", "outcome": "Fewer evictions of renters of colour"}
_J1 = {"result_code": "2", "result": _JOBS, "outcome_code": "2.1", "outcome": "A workforce that reflects the community"}
_J2 = {
    "result_code": "2",
    "result": _JOBS,
    "outcome_code": "2.2",
    "outcome": "More city spending with minority- and women-owned businesses",
}
EXAMPLE_ROWS: list[dict[str, str]] = [
    {**_H1, "result_area": "Community",
     "result_description": "African American and Latino households rent more and own less than White households.",
     "outcome_level": "Jurisdiction",
     "action_code": "1.1.1", "action": "Down-payment assistance for first-time buyers",
     "lead_department": "Community Development", "co_lead_departments": "Finance",
     "description": "Grants of up to $20,000, 2012–2016 cohort evaluated first.", "partners": "Urban League",
     "measure_of_success": "150 households a year buy a first home.", "timeline": "2021–22",
     "start_date": "2021-01-15", "priority": "High", "effort": "High", "impact": "High",
     "expected_impact": "Homeownership gap narrows by 2 points.", "staff_time": "2 FTE", "cost": "1500000.00",
     "status": "In progress", "percent_complete": "20 %", "status_as_of": "2026-06-30",
     "status_source": "2026 annual report",
     "links": "2026 annual report | https://www.example.org/reports/2026-annual.pdf; "
              "Council resolution 21-114 | https://www.example.org/council/21-114"},
    {**_H1, "action_code": "1.1.2", "action": "Homebuyer counselling in English and Spanish",
     "lead_department": "Community Development", "co_lead_teams": "Office of Racial Equity; Language Access",
     "timeline": "FY2023 Q2", "priority": "Medium", "effort": "Low", "impact": "Medium", "status": "Not started"},
    {**_H1, "action_code": "1.1.3", "action": "Audit lending data by race (HMDA 2012–2016 and 2020–2024)",
     "lead_department": "Finance", "co_lead_departments": "Community Development", "due_date": "2026-06-30",
     "priority": "Medium", "effort": "Medium", "impact": "Low", "status": "At risk", "percent_complete": "35 %"},
    {**_H2, "outcome_level": "Jurisdiction",
     "action_code": "1.2.1", "action": "Right to counsel in eviction court", "lead_department": "Community Development",
     "partners": "Legal Aid Society", "due_date": "2027-03-31", "priority": "High", "effort": "High",
     "impact": "High", "cost": "850000.00", "status": "On track", "percent_complete": "50 %"},
    {**_H2, "action_code": "1.2.2", "action": "Emergency rental assistance with a 5-day decision",
     "lead_department": "Community Development", "timeline": "Ongoing", "priority": "High", "effort": "Medium",
     "status": "Ongoing"},
    {**_H2, "action_code": "1.2.3", "action": "Publish eviction filings by neighbourhood and race",
     "lead_department": "Finance", "co_lead_departments": "Community Development", "timeline": "2024",
     "priority": "Low", "effort": "Low", "status": "Not reported"},
    {**_J1, "result_area": "Internal: workforce",
     "result_description": "The city’s workforce reflects the community at every pay grade.",
     "outcome_level": "Department", "outcome_department": "Human Resources",
     "action_code": "2.1.1", "action": "Remove degree requirements where experience will do",
     "lead_department": "Human Resources", "measure_of_success": "Share of postings without a degree requirement.",
     "due_date": "2026-07-31", "priority": "High", "effort": "Medium", "status": "On track",
     "percent_complete": "60 %"},
    {**_J1, "action_code": "2.1.2", "action": "Structured interviews with diverse panels",
     "lead_department": "Human Resources", "timeline": "FY2024", "priority": "Medium", "effort": "Low",
     "status": "Not started", "percent_complete": "0 %"},
    {**_J1, "action_code": "2.1.3", "action": "Paid internships with the community college",
     "lead_department": "Human Resources", "co_lead_departments": "Finance; Community Development",
     "partners": "Community College", "due_date": "2027-05-31", "priority": "Medium", "effort": "Medium",
     "cost": "240000.00", "status": "Deferred", "status_source": "Council budget vote, 2026"},
    {**_J2, "outcome_level": "Jurisdiction",
     "action_code": "2.2.1", "action": "Split large contracts into smaller lots", "lead_department": "Finance",
     "timeline": "2022–2024", "priority": "High", "effort": "Medium", "status": "Off track",
     "percent_complete": "15 %"},
    {**_J2, "action_code": "2.2.2", "action": "Pay small contractors within 15 days", "lead_department": "Finance",
     "due_date": "2026-09-30", "priority": "Medium", "effort": "Low", "status": "Completed",
     "percent_complete": "100 %"},
    {**_J2, "action_code": "2.2.3", "action": "Report spending by owner race and ethnicity each quarter",
     "lead_department": "Finance", "timeline": "FY2023 Q2–Q4", "priority": "Low", "effort": "Low",
     "status": "Cancelled", "cancelled_reason": "Replaced by the state's supplier diversity dashboard."},
]  # fmt: skip


def header() -> list:
    """The column headers, lazy: the export writes them in English (equity.exports)."""
    return [c.header for c in COLUMNS]


def example_rows() -> list[list[str]]:
    # Result and outcome details are given once, on their first row; later rows leave them empty.
    return [[row.get(c.key, "") for c in COLUMNS] for row in EXAMPLE_ROWS]
