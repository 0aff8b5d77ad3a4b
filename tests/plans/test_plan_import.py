"""Spreadsheet import of a whole plan: reading, each column's errors, remembered mappings, the preview, all or
nothing with errors by line and column, staleness, and the export -> edit -> import round trip."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from plans.exports import action_rows
from plans.imports import examples, mapping
from plans.imports.reader import MAX_ROWS
from plans.models import Action, ImportMapping, Outcome, PlanImport, ProgressUpdate, Result
from plans.services.actions import action_update
from plans.services.imports import (
    PlanImportRefused,
    plan_import_apply,
    plan_import_map,
    plan_import_preview,
    plan_import_start,
)
from tests.plans.factories import ActionFactory, PlanFactory
from tests.plans.plan_files import csv_bytes, example_csv, example_departments

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(personas):
    example_departments()
    return PlanFactory(title="Equity plan 2026", departments=[personas.dept])


def start(plan, author, raw: bytes, name: str = "plan.csv"):
    return plan_import_start(author=author, plan=plan, upload=SimpleUploadedFile(name, raw))


def run(plan, author, raw: bytes, name: str = "plan.csv"):
    """Upload, preview and apply; returns the applied preview."""
    pending, _known = start(plan, author, raw, name)
    preview = plan_import_preview(author=author, pending=pending)
    return plan_import_apply(author=author, pending=pending, token=preview.token)


def history_count() -> int:
    return sum(m.history.count() for m in (Result, Outcome, Action)) + ProgressUpdate.objects.count()


def export_csv(plan) -> bytes:
    header, rows = action_rows(plan=plan)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(["" if v is None else str(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


# Mapping


def test_headers_are_matched_by_alias_case_and_spacing_insensitive():
    headers = ["FOCUS AREA", "Objective", "  action   title ", "Lead Dept.", "% complete", "Notes", "Action"]
    assert mapping.guess(headers) == ["result", "outcome", "action", "lead_department", "percent_complete", "", ""]


def test_a_mapping_is_remembered_for_the_same_headers(plan, personas):
    raw = csv_bytes([["Housing", "Audit lending", "Community Development", "x"]], header=["Goal", "Task", "Dept", "Y"])
    pending, known = start(plan, personas.manager, raw)
    assert not known and pending.columns == ["result", "", "lead_department", ""]
    with pytest.raises(ValidationError, match="more than one header"):
        plan_import_map(author=personas.manager, pending=pending, columns=["result", "result", "", ""])
    plan_import_map(author=personas.manager, pending=pending, columns=["result", "action", "lead_department", ""])
    saved = ImportMapping.objects.get()
    assert saved.history.get().history_user == personas.manager
    again, known = start(plan, personas.manager, raw.replace(b"Audit", b"Review"))
    assert known and again.columns == ["result", "action", "lead_department", ""]
    preview = plan_import_preview(author=personas.manager, pending=again)
    assert [c.label for c in preview.changes] == ["Housing", "Review lending"]


# Preview and apply


def test_example_file_creates_the_plan_then_reimport_is_unchanged(plan, personas):
    applied = run(plan, personas.equity, example_csv())
    assert (applied.created, applied.updated, applied.unchanged) == (2 + 4 + 12, 0, 0)
    assert plan.results.count() == 2 and Outcome.objects.filter(result__plan=plan).count() == 4
    assert plan.actions.count() == 12
    action = plan.actions.get(title="Down-payment assistance for first-time buyers")
    assert (action.status, action.percent_complete, action.cost) == ("in_progress", 20, 1500000)
    assert (action.code, action.timeline, str(action.due_date)) == ("1.1.1", "2021–22", "2022-12-31")
    assert [d.name for d in action.co_lead_departments.all()] == ["Finance"]
    assert (action.priority.label, action.impact.label, action.status_source) == ("High", "High", "2026 annual report")
    assert str(action.status_as_of) == "2026-06-30" and action.code_key == "0011.0011.0011"
    assert action.history.first().history_user == personas.equity
    assert [o.code for o in action.outcomes.all()] == ["1.1"]
    assert [link.label for link in action.links.order_by("pk")] == ["2026 annual report", "Council resolution 21-114"]
    assert action.links.first().history.get().history_user == personas.equity
    assert "2012–2016" in action.description
    statuses = dict(plan.actions.values_list("code", "status"))
    assert (statuses["1.2.2"], statuses["1.2.3"], statuses["2.1.3"]) == ("ongoing", "not_reported", "deferred")
    assert plan.actions.get(code="1.2.3").percent_complete is None
    cancelled = plan.actions.get(code="2.2.3")
    assert cancelled.status == "cancelled" and "supplier diversity" in cancelled.cancelled_reason
    # Statuses are set as of their date, not posted as updates; the cancellation is recorded as its update.
    assert ProgressUpdate.objects.filter(action__plan=plan).count() == 1
    pending, _known = start(plan, personas.equity, example_csv())
    preview = plan_import_preview(author=personas.equity, pending=pending)
    assert (preview.created, preview.updated, preview.unchanged, preview.errors) == (0, 0, 18, [])


def test_round_trip_export_import_changes_nothing(plan, personas):
    run(plan, personas.equity, example_csv())
    ActionFactory(plan=plan, lead_department=personas.dept, title='=HYPERLINK("http://evil")', cost=None)
    before = history_count()
    applied = run(plan, personas.equity, export_csv(plan), name="export.csv")
    assert (applied.created, applied.updated) == (0, 0)
    assert history_count() == before


def test_round_trip_through_xlsx_export_changes_nothing(plan, personas, client):
    from django.urls import reverse

    run(plan, personas.equity, example_csv())
    client.force_login(personas.equity)
    response = client.get(reverse("plans:plan_export", args=[plan.pk, "xlsx"]))
    before = history_count()
    applied = run(plan, personas.equity, b"".join(response.streaming_content), name="export.xlsx")
    assert (applied.created, applied.updated) == (0, 0) and history_count() == before


def test_changing_one_cell_updates_exactly_that_field_audited(plan, personas):
    run(plan, personas.equity, example_csv())
    exported = list(csv.reader(io.StringIO(export_csv(plan).decode("utf-8-sig"))))
    header = exported[0]
    row = next(r for r in exported if r[header.index("Action")] == "Right to counsel in eviction court")
    row[header.index("Due date")] = "2027-04-15"
    action = plan.actions.get(title="Right to counsel in eviction court")
    before, version = action.history.count(), action.version
    pending, _known = start(plan, personas.manager, csv_bytes(exported[1:], header=header))
    preview = plan_import_preview(author=personas.manager, pending=pending)
    changed = [c for c in preview.changes if c.kind != "unchanged"]
    assert len(changed) == 1 and [(f.column, f.old, f.new) for f in changed[0].changes] == [
        ("Due date", "2027-03-31", "2027-04-15")
    ]
    plan_import_apply(author=personas.manager, pending=pending, token=preview.token)
    action.refresh_from_db()
    assert str(action.due_date) == "2027-04-15" and action.version == version + 1
    assert action.history.count() == before + 1
    latest = action.history.first()
    assert latest.history_user == personas.manager
    assert [c.field for c in latest.diff_against(latest.prev_record).changes] == ["due_date", "version"]


def test_status_change_is_a_progress_update_with_a_reason(plan, personas):
    run(plan, personas.equity, example_csv())
    rows = examples.example_rows()
    status = examples.header().index("Status")
    rows[1][status] = "At risk"
    run(plan, personas.equity, csv_bytes(rows), name="q3.csv")
    action = plan.actions.get(title="Homebuyer counselling in English and Spanish")
    update = action.updates.get()
    assert action.status == "at_risk" and update.previous_status == "not_started"
    assert "q3.csv" in update.status_reason and update.author == personas.equity


def test_any_error_saves_nothing_and_lists_every_row_by_line_and_column(plan, personas):
    rows = examples.example_rows()
    header = examples.header()
    rows[2][header.index("Due date")] = "next spring"
    rows[4][header.index("Lead department")] = "Parks"
    rows[6][header.index("Percent complete")] = "150 %"
    rows[7][header.index("Result area")] = "Community"  # the same result said "Internal: workforce" on line 8
    pending, _known = start(plan, personas.equity, csv_bytes(rows))
    preview = plan_import_preview(author=personas.equity, pending=pending)
    with pytest.raises(PlanImportRefused) as info:
        plan_import_apply(author=personas.equity, pending=pending, token=preview.token)
    assert [(e.line, e.column) for e in info.value.errors] == [
        (4, "Due date"), (6, "Lead department"), (8, "Percent complete"), (9, "Result area"),
    ]  # fmt: skip
    assert "differs from line 8" in info.value.errors[-1].message
    assert not plan.results.exists() and not plan.actions.exists()
    assert PlanImport.objects.filter(pk=pending.pk).exists()


def test_new_records_need_their_required_columns(plan, personas):
    raw = csv_bytes([["Housing", "", "Audit lending", ""]], header=["Result", "Outcome", "Action", "Lead department"])
    pending, _known = start(plan, personas.equity, raw)
    errors = plan_import_preview(author=personas.equity, pending=pending).errors
    assert [(e.line, e.column) for e in errors] == [(2, "Lead department")]
    assert "A new action needs a value" in errors[0].message


def test_stale_preview_is_refused(plan, personas):
    run(plan, personas.equity, example_csv())
    rows = examples.example_rows()
    rows[0][examples.header().index("Partners")] = "Urban League, NAACP"
    pending, _known = start(plan, personas.equity, csv_bytes(rows))
    preview = plan_import_preview(author=personas.equity, pending=pending)
    other = plan.actions.get(title="Right to counsel in eviction court")
    action_update(author=personas.manager, action=other, version=other.version, staff_time="3 FTE")
    with pytest.raises(ValidationError) as info:
        plan_import_apply(author=personas.equity, pending=pending, token=preview.token)
    assert info.value.code == "stale" and "changed since you saw the preview" in info.value.messages[0]
    assert plan.actions.get(title="Down-payment assistance for first-time buyers").partners == "Urban League"


def test_a_manager_cannot_change_another_departments_action(plan, personas):
    plan.departments.add(personas.other_dept)
    ActionFactory(plan=plan, lead_department=personas.other_dept, title="Repave Main Street")
    raw = csv_bytes([["Repave Main Street", "Faster"]], header=["Action", "Description"])
    pending, _known = start(plan, personas.manager, raw)
    errors = plan_import_preview(author=personas.manager, pending=pending).errors
    assert [(e.line, e.column) for e in errors] == [(2, "Action")]
    assert "department you do not manage" in errors[0].message


@pytest.mark.slow
def test_the_documented_maximum_of_5000_rows_imports_in_one_run(plan, personas):
    header = ["Result", "Outcome", "Action", "Lead department", "Due date", "Status", "Percent complete"]
    rows = [
        [f"Result {i // 500}", f"Outcome {i // 50}", f"Action {i}", "Community Development", "2026-12-31",
         "On track" if i % 2 else "Not started", f"{i % 100} %"]
        for i in range(MAX_ROWS)
    ]  # fmt: skip
    applied = run(plan, personas.equity, csv_bytes(rows, header=header))
    assert applied.created == 10 + 100 + 5000
    assert plan.actions.count() == 5000


def test_an_existing_action_gains_the_outcome_the_file_names_and_keeps_the_others(plan, personas):
    from tests.plans.factories import OutcomeFactory, ResultFactory

    kept = OutcomeFactory(result=ResultFactory(plan=plan, statement="Jobs"), statement="Hiring")
    action = ActionFactory(plan=plan, lead_department=personas.dept, title="Audit lending")
    action.outcomes.add(kept)
    raw = csv_bytes([["Housing", "Ownership", "Audit lending"]], header=["Result", "Outcome", "Action"])
    applied = run(plan, personas.manager, raw)
    assert (applied.created, applied.updated) == (2, 1)
    assert {o.statement for o in action.outcomes.all()} == {"Hiring", "Ownership"}
    assert action.history.first().history_user == personas.manager
    again = run(plan, personas.manager, raw)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


# Reference codes, co-leads, timelines and statuses (ADR 0034, 0035)


def _exported(plan):
    rows = list(csv.reader(io.StringIO(export_csv(plan).decode("utf-8-sig"))))
    return rows[0], rows[1:]


def test_a_code_identifies_the_action_so_a_new_title_renames_it(plan, personas):
    run(plan, personas.equity, example_csv())
    header, rows = _exported(plan)
    row = next(r for r in rows if r[header.index("Action code")] == "1.2.1")
    row[header.index("Action")] = "Right to counsel in every eviction case"
    applied = run(plan, personas.equity, csv_bytes(rows, header=header))
    assert (applied.created, applied.updated) == (0, 1)
    assert plan.actions.get(code="1.2.1").title == "Right to counsel in every eviction case"
    assert plan.actions.count() == 12


def test_a_row_without_a_code_is_matched_by_title_and_can_be_given_a_code(plan, personas):
    ActionFactory(plan=plan, lead_department=personas.dept, title="Audit lending", code="")
    raw = csv_bytes([["A-7", "Audit lending"]], header=["Action code", "Action"])
    applied = run(plan, personas.equity, raw)
    assert (applied.created, applied.updated) == (0, 1)
    action = plan.actions.get()
    assert (action.code, action.code_key) == ("A-7", "1a.0017")


@pytest.mark.parametrize(
    ("column", "text", "field", "expected"),
    [
        ("Co-lead departments", "Finance; Human Resources", "co_lead_departments", ["Finance", "Human Resources"]),
        ("Co-lead teams", "Office of Racial Equity", "co_lead_teams", "Office of Racial Equity"),
        ("Measure of success", "200 households a year", "measure_of_success", "200 households a year"),
        ("Impact", "low", "impact", "Low"),
        ("Status source", "2027 annual report", "status_source", "2027 annual report"),
        (
            "Links",
            "Dashboard | https://example.org/evictions",
            "links",
            [("Dashboard", "https://example.org/evictions")],
        ),
    ],
)
def test_one_changed_cell_of_the_new_columns_changes_exactly_that_field(plan, personas, column, text, field, expected):
    run(plan, personas.equity, example_csv())
    header, rows = _exported(plan)
    row = next(r for r in rows if r[header.index("Action code")] == "1.2.1")
    row[header.index(column)] = text
    pending, _known = start(plan, personas.equity, csv_bytes(rows, header=header))
    preview = plan_import_preview(author=personas.equity, pending=pending)
    changed = [c for c in preview.changes if c.kind != "unchanged"]
    assert len(changed) == 1 and [f.column for f in changed[0].changes] == [column]
    plan_import_apply(author=personas.equity, pending=pending, token=preview.token)
    action = plan.actions.get(code="1.2.1")
    value = getattr(action, field)
    if field == "co_lead_departments":
        value = sorted(d.name for d in value.all())
    if field == "links":
        value = list(value.values_list("label", "url"))
    assert getattr(value, "label", value) == expected
    assert action.history.first().history_user == personas.equity


def test_a_status_cell_posts_one_update_and_a_blank_percent_is_not_reported(plan, personas):
    run(plan, personas.equity, example_csv())
    header, rows = _exported(plan)
    row = next(r for r in rows if r[header.index("Action code")] == "1.2.1")
    row[header.index("Status")], row[header.index("Percent complete")] = "Not reported", ""
    run(plan, personas.equity, csv_bytes(rows, header=header), name="q4.csv")
    action = plan.actions.get(code="1.2.1")
    assert (action.status, action.percent_complete) == ("not_reported", None)
    update = action.updates.get()
    assert update.previous_status == "on_track" and "q4.csv" in update.status_reason


def test_cancelled_needs_a_reason_column(plan, personas):
    run(plan, personas.equity, example_csv())
    raw = csv_bytes([["1.2.1", "Cancelled"]], header=["Action code", "Status"])
    pending, _known = start(plan, personas.equity, raw)
    errors = plan_import_preview(author=personas.equity, pending=pending).errors
    assert [(e.line, e.column) for e in errors] == [(2, "Status")] and "needs its reason" in errors[0].message
    raw = csv_bytes(
        [["1.2.1", "Cancelled", "Funded by the state."]], header=["Action code", "Status", "Reason for cancelling"]
    )
    run(plan, personas.equity, raw)
    action = plan.actions.get(code="1.2.1")
    assert action.status == "cancelled" and action.cancelled_reason == "Funded by the state."


def test_a_bad_timeline_is_reported_with_its_line_and_column(plan, personas):
    raw = csv_bytes(
        [["Housing", "Audit lending", "cd", "next spring"]], header=["Result", "Action", "Lead", "Timeline"]
    )
    pending, _known = start(plan, personas.equity, raw)
    errors = plan_import_preview(author=personas.equity, pending=pending).errors
    assert [(e.line, e.column) for e in errors] == [(2, "Timeline")] and errors[0].message


def test_the_lead_department_listed_as_a_co_lead_is_refused(plan, personas):
    raw = csv_bytes(
        [["Housing", "Audit lending", "cd", "Finance; cd"]],
        header=["Result", "Action", "Lead", "Co-lead departments"],
    )
    pending, _known = start(plan, personas.equity, raw)
    errors = plan_import_preview(author=personas.equity, pending=pending).errors
    assert [(e.line, e.column, e.message) for e in errors] == [
        (2, "Co-lead departments", "The lead department is not also a co-lead.")
    ]


def test_new_actions_are_written_in_batches_with_history_naming_the_uploader(
    plan, personas, django_assert_max_num_queries
):
    rows = [
        [f"Result {i // 50}", f"Outcome {i // 10}", f"{i}", f"Action {i}", "cd", "Finance", "2024"] for i in range(120)
    ]
    header = ["Result", "Outcome", "Action code", "Action", "Lead department", "Co-lead departments", "Timeline"]
    pending, _known = start(plan, personas.equity, csv_bytes(rows, header=header))
    preview = plan_import_preview(author=personas.equity, pending=pending)
    with django_assert_max_num_queries(120):  # results and outcomes one by one; the 120 actions in batches
        plan_import_apply(author=personas.equity, pending=pending, token=preview.token)
    action = plan.actions.get(code="7")
    assert action.code_key == "0017" and str(action.timeline_end) == "2024-12-31"
    first = action.history.get()
    assert first.history_user == personas.equity and "plan.csv" in first.history_change_reason
    assert [row.department.name for row in first.co_lead_departments.all()] == ["Finance"]
    assert [o.outcome.statement for o in first.outcomes.all()] == ["Outcome 0"]


def test_a_batched_new_action_is_saved_as_action_create_saves_it(plan, personas):
    from plans.models import ScaleLevel
    from plans.services.actions import action_create

    header = ["Action code", "Action", "Lead department", "Timeline", "Priority", "Status", "Percent complete"]
    run(plan, personas.equity, csv_bytes([["3.1.10", "Audit lending", "cd", "FY2023 Q2", "high", "Completed", "100"]],
                                         header=header))  # fmt: skip
    imported = plan.actions.get()
    high = ScaleLevel.objects.get(kind="priority", label="High")
    made = action_create(
        author=personas.equity, plan=PlanFactory(departments=[personas.dept]), code="3.1.10", title="Audit lending",
        lead_department=personas.dept, timeline="FY2023 Q2", priority=high, status="completed", percent_complete=100,
    )  # fmt: skip
    fields = ["code", "code_key", "timeline", "timeline_start", "timeline_end", "due_date", "status",
              "percent_complete", "status_as_of", "completed_on", "version", "priority_id",
              "lead_department_id"]  # fmt: skip
    assert [getattr(imported, f) for f in fields] == [getattr(made, f) for f in fields]
    assert imported.history.get().history_type == "+" and imported.created_at and imported.updated_at
