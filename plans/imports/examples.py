"""The downloadable example plan and the empty template of the plan spreadsheet, built from the column registry so
they always carry every column the import reads (docs/plans.md, "Importing a whole plan")."""

from __future__ import annotations

from plans.imports.columns import COLUMNS

_HOUSING = "All residents have safe, stable and affordable housing"
_JOBS = "All residents share in the city’s economic growth"

# A real-shaped plan: two focus areas, their outcomes, twelve actions. Keys are column keys (plans.imports.columns);
# the department names must be departments of the portal ("Community Development", "Human Resources", "Finance").
EXAMPLE_ROWS: list[dict[str, str]] = [
    {"result": _HOUSING, "result_area": "Community",
     "result_description": "African American and Latino households rent more and own less than White households.",
     "outcome": "Close the homeownership gap for African American households", "outcome_level": "Jurisdiction",
     "action": "Down-payment assistance for first-time buyers", "lead_department": "Community Development",
     "description": "Grants of up to $20,000, 2012–2016 cohort evaluated first.", "partners": "Urban League",
     "start_date": "2026-01-15", "due_date": "2026-12-31", "priority": "High", "effort": "High",
     "expected_impact": "150 households a year buy a first home.", "staff_time": "2 FTE", "cost": "1500000.00",
     "status": "On track", "percent_complete": "20 %"},
    {"result": _HOUSING, "outcome": "Close the homeownership gap for African American households",
     "action": "Homebuyer counselling in English and Spanish", "lead_department": "Community Development",
     "start_date": "2026-02-01", "due_date": "2026-09-30", "priority": "Medium", "effort": "Low",
     "status": "Not started", "percent_complete": "0 %"},
    {"result": _HOUSING, "outcome": "Close the homeownership gap for African American households",
     "action": "Audit lending data by race (HMDA 2012–2016 and 2020–2024)", "lead_department": "Finance",
     "due_date": "2026-06-30", "priority": "Medium", "effort": "Medium", "status": "At risk",
     "percent_complete": "35 %"},
    {"result": _HOUSING, "outcome": "Fewer evictions of renters of colour", "outcome_level": "Jurisdiction",
     "action": "Right to counsel in eviction court", "lead_department": "Community Development",
     "partners": "Legal Aid Society", "due_date": "2027-03-31", "priority": "High", "effort": "High",
     "cost": "850000.00", "status": "On track", "percent_complete": "50 %"},
    {"result": _HOUSING, "outcome": "Fewer evictions of renters of colour",
     "action": "Emergency rental assistance with a 5-day decision", "lead_department": "Community Development",
     "due_date": "2026-08-31", "priority": "High", "effort": "Medium", "status": "Completed",
     "percent_complete": "100 %"},
    {"result": _HOUSING, "outcome": "Fewer evictions of renters of colour",
     "action": "Publish eviction filings by neighbourhood and race", "lead_department": "Finance",
     "due_date": "2026-11-30", "priority": "Low", "effort": "Low", "status": "Off track",
     "percent_complete": "10 %"},
    {"result": _JOBS, "result_area": "Internal: workforce",
     "result_description": "The city’s workforce reflects the community at every pay grade.",
     "outcome": "A workforce that reflects the community", "outcome_level": "Department",
     "outcome_department": "Human Resources",
     "action": "Remove degree requirements where experience will do", "lead_department": "Human Resources",
     "due_date": "2026-07-31", "priority": "High", "effort": "Medium", "status": "On track",
     "percent_complete": "60 %"},
    {"result": _JOBS, "outcome": "A workforce that reflects the community",
     "action": "Structured interviews with diverse panels", "lead_department": "Human Resources",
     "due_date": "2026-10-31", "priority": "Medium", "effort": "Low", "status": "Not started",
     "percent_complete": "0 %"},
    {"result": _JOBS, "outcome": "A workforce that reflects the community",
     "action": "Paid internships with the community college", "lead_department": "Human Resources",
     "partners": "Community College", "due_date": "2027-05-31", "priority": "Medium", "effort": "Medium",
     "cost": "240000.00", "status": "On track", "percent_complete": "25 %"},
    {"result": _JOBS,
     "outcome": "More city spending with minority- and women-owned businesses", "outcome_level": "Jurisdiction",
     "action": "Split large contracts into smaller lots", "lead_department": "Finance",
     "due_date": "2026-12-31", "priority": "High", "effort": "Medium", "status": "At risk",
     "percent_complete": "15 %"},
    {"result": _JOBS, "outcome": "More city spending with minority- and women-owned businesses",
     "action": "Pay small contractors within 15 days", "lead_department": "Finance",
     "due_date": "2026-09-30", "priority": "Medium", "effort": "Low", "status": "Completed",
     "percent_complete": "100 %"},
    {"result": _JOBS, "outcome": "More city spending with minority- and women-owned businesses",
     "action": "Report spending by owner race and ethnicity each quarter", "lead_department": "Finance",
     "due_date": "2026-03-31", "priority": "Low", "effort": "Low", "status": "On track",
     "percent_complete": "40 %"},
]  # fmt: skip


def header() -> list[str]:
    return [str(c.header) for c in COLUMNS]


def example_rows() -> list[list[str]]:
    # Result and outcome details are given once, on their first row; later rows leave them empty.
    return [[row.get(c.key, "") for c in COLUMNS] for row in EXAMPLE_ROWS]
