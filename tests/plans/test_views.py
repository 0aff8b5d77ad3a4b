"""Plans pages: visibility by persona, forms with bad input, stale edits, exports, tracking and roll-ups."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from plans.models import Action, Plan, ProgressUpdate, ScaleLevel, StatusLegendEntry
from plans.permissions import can_edit_action, can_edit_plan
from plans.selectors import action_list_for_user, plan_list_for_user
from tests.plans.factories import ActionFactory, PlanFactory, UpdateFactory

pytestmark = pytest.mark.django_db


def test_selectors_hide_drafts_from_other_departments(personas, world):
    for name in ("staff", "manager", "facilitator", "equity"):
        assert world.draft in plan_list_for_user(user=personas.get(name))
    for name in ("other_staff", "other_manager"):
        user = personas.get(name)
        assert world.draft not in plan_list_for_user(user=user)
        assert world.plan in plan_list_for_user(user=user)  # non-draft plans: internal transparency
        assert world.action in action_list_for_user(user=user)


def test_edit_permissions_by_persona(personas, world):
    allowed = {name for name in ("staff", "manager", "facilitator", "equity", "other_staff", "other_manager")
               if can_edit_plan(personas.get(name), world.plan)}  # fmt: skip
    assert allowed == {"manager", "equity"}
    assert can_edit_action(personas.manager, world.action) and not can_edit_action(personas.other_manager, world.action)


def test_other_manager_cannot_post_edits(client, personas, world):
    client.force_login(personas.other_manager)
    url = reverse("plans:action_update", args=[world.action.pk])
    assert client.post(url, {"title": "Hijacked"}).status_code == 403
    world.action.refresh_from_db()
    assert world.action.title != "Hijacked"


def _action_post(world, **overrides):
    levels = {(level.kind, level.label): level.pk for level in ScaleLevel.objects.all()}
    data = {
        "title": "Fund rental help", "lead_department": world.action.lead_department_id,
        "priority": levels[("priority", "High")], "effort": levels[("effort", "Low")],
        "start_date": "2026-01-01", "due_date": "2026-06-30", "version": world.action.version,
        "accountable": world.action.accountable_id,
    }  # fmt: skip
    data.update(overrides)
    return data


def test_action_form_errors_dates_in_wrong_order(client, personas, world):
    client.force_login(personas.manager)
    url = reverse("plans:action_update", args=[world.action.pk])
    response = client.post(url, _action_post(world, due_date="2025-01-01"))
    assert response.status_code == 400
    assert "The due date cannot be before the start date." in response.content.decode()


def test_action_stale_form_refused_with_what_changed(client, personas, world):
    client.force_login(personas.manager)
    url = reverse("plans:action_update", args=[world.action.pk])
    assert client.post(url, _action_post(world, title="First")).status_code == 302
    response = client.post(url, _action_post(world, title="Second"))  # still version 1
    assert response.status_code == 409
    body = response.content.decode()
    assert "Your changes were not saved" in body and "First" in body
    world.action.refresh_from_db()
    assert world.action.title == "First"


def test_update_form_requires_reason_and_valid_percent(client, personas, world):
    client.force_login(personas.staff)
    url = reverse("plans:update_create", args=[world.action.pk])
    data = {"status": "off_track", "percent_complete": 140, "summary": "", "version": world.action.version}
    response = client.post(url, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "write the reason" in body and "less than or equal to 100" in body
    assert world.action.updates.count() == 1
    data.update(percent_complete=40, summary="Delayed", status_reason="Vendor went bankrupt")
    assert client.post(url, data).status_code == 302
    world.action.refresh_from_db()
    assert world.action.status == "off_track"


def test_indicator_form_target_before_baseline(client, personas, world):
    client.force_login(personas.manager)
    url = reverse("plans:indicator_update", args=[world.indicator.pk])
    data = {"name": "X", "direction": "higher", "baseline_year": 2020, "target_year": 2010, "version": 1,
            "sort_order": 0}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 400
    assert "The target year cannot be before the baseline year." in response.content.decode()


def test_plan_form_manager_must_include_own_department(client, personas):
    client.force_login(personas.manager)
    data = {"title": "P", "scope": "department", "departments": [personas.other_dept.pk],
            "period_start": "2026-01-01", "period_end": "2025-01-01", "status": "draft"}  # fmt: skip
    response = client.post(reverse("plans:plan_create"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "The period must end on or after its start." in body
    assert not Plan.objects.filter(title="P").exists()


def test_indicator_grid_saves_values(client, personas, world):
    from plans.models import RacialGroup

    client.force_login(personas.manager)
    black = RacialGroup.objects.get(code="black")
    url = reverse("plans:indicator_data", args=[world.indicator.pk])
    assert f"v_2020_{black.pk}" in client.get(url).content.decode()  # baseline year row
    response = client.post(url, {"version": world.indicator.version, f"v_2020_{black.pk}": "31.5"})
    assert response.status_code == 302
    assert world.indicator.data_points.get(group=black).value == 31.5
    bad = client.post(url, {"version": world.indicator.version + 1, f"v_2020_{black.pk}": "abc"})
    assert bad.status_code == 400


def test_period_toggle_tampered_value_is_refused(client, personas, world):
    client.force_login(personas.equity)
    url = reverse("plans:period_set_open", args=[world.period.pk])
    assert client.post(url, {"open": "maybe"}).status_code == 400
    world.period.refresh_from_db()
    assert world.period.is_open


def test_exports_neutralise_formulas(client, personas, world):
    """CSV prefixes an apostrophe (its only way to say "text"); XLSX writes a typed string cell: the exact text back,
    never a formula."""
    Action.objects.filter(pk=world.action.pk).update(title='=HYPERLINK("http://evil")')
    UpdateFactory(action=world.action, author=personas.staff, summary="+SUM(A1)")
    client.force_login(personas.other_staff)
    response = client.get(reverse("plans:plan_export", args=[world.plan.pk, "csv"]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    action, summary = rows[0].index("Action"), rows[0].index("What happened")
    row = next(r for r in rows[1:] if r[action])
    assert row[action] == '\'=HYPERLINK("http://evil")' and row[summary] == "'+SUM(A1)"
    response = client.get(reverse("plans:plan_export", args=[world.plan.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [c for r in sheet.iter_rows() for c in r if c.value == '=HYPERLINK("http://evil")']
    assert len(cells) == 1 and cells[0].data_type == "s"
    assert not any(c.data_type == "f" for r in sheet.iter_rows() for c in r)
    assert any(c.value == "+SUM(A1)" for r in sheet.iter_rows() for c in r)
    response = client.get(reverse("plans:indicator_export", args=[world.indicator.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["year", "group", "value"] and len(rows) == 2


def test_draft_export_hidden_from_other_departments(client, personas, world):
    client.force_login(personas.other_staff)
    assert client.get(reverse("plans:plan_export", args=[world.draft.pk, "csv"])).status_code == 404


def test_department_tracking_counts(client, personas, world):
    today = timezone.localdate()
    plan = world.plan
    ActionFactory(plan=plan, lead_department=personas.dept, status="at_risk", due_date=today - datetime.timedelta(1),
                  start_date=None)  # fmt: skip
    ActionFactory(plan=plan, lead_department=personas.dept, status="off_track", start_date=None)
    ActionFactory(plan=plan, lead_department=personas.other_dept, status="off_track", start_date=None)
    client.force_login(personas.manager)
    response = client.get(reverse("plans:department_tracking"))
    counts = response.context["counts"]
    assert (counts["overdue"], counts["at_risk"], counts["off_track"]) == (1, 1, 1)
    assert counts["no_update"] == 3  # world's action + 2 new ones have no update in the open period
    client.force_login(personas.other_staff)
    other = client.get(reverse("plans:department_tracking") + f"?department={personas.dept.pk}")
    assert other.status_code == 404  # not their department


def test_plan_detail_rollups(client, personas, world):
    ActionFactory(plan=world.plan, lead_department=personas.dept, status="completed", percent_complete=100)
    client.force_login(personas.staff)
    response = client.get(reverse("plans:plan_detail", args=[world.plan.pk]))
    rollup = response.context["rollup"]
    assert rollup.total == 2 and rollup.avg_percent == 50
    assert dict((v, n) for v, _l, n, _s in rollup.by_status)["completed"] == 1
    result = response.context["results"][0]
    assert result.rollup.total == 1  # only the action linked through the result's outcome
    assert "<svg" in response.content.decode()


def test_update_review_marks_reviewed(client, personas, world):
    client.force_login(personas.manager)
    response = client.post(reverse("plans:update_review", args=[world.update.pk]))
    assert response.status_code == 302
    assert ProgressUpdate.objects.get(pk=world.update.pk).reviewed_by == personas.manager


def test_dashboard_shows_plan_panels(client, personas, world):
    client.force_login(personas.manager)
    body = client.get(reverse("dashboard")).content.decode()
    assert "My actions" in body and "needing attention" in body


def test_plan_list_filters_and_bad_page(client, personas, world):
    PlanFactory(title="Parks plan", departments=[personas.other_dept])
    client.force_login(personas.staff)
    response = client.get(reverse("plans:plan_list") + "?q=parks&page=abc")
    assert [p.title for p in response.context["page_obj"]] == ["Parks plan"]
    response = client.get(reverse("plans:plan_list") + f"?department={personas.dept.pk}&status=draft")
    assert [p.title for p in response.context["page_obj"]] == ["CD draft"]


def test_plan_list_rollup_per_row(client, personas, world):
    ActionFactory(plan=world.plan, lead_department=personas.dept, status="at_risk", percent_complete=40)
    ActionFactory(plan=world.plan, lead_department=personas.dept, status="off_track", percent_complete=20)
    empty = PlanFactory(title="Empty plan", departments=[personas.other_dept])
    client.force_login(personas.staff)
    response = client.get(reverse("plans:plan_list"))
    rows = {p.pk: p for p in response.context["page_obj"]}
    plan = rows[world.plan.pk]
    assert (plan.n_total, plan.n_at_risk, plan.n_off_track, round(plan.avg_percent)) == (3, 1, 1, 20)
    assert (rows[empty.pk].n_total, rows[empty.pk].n_at_risk, rows[empty.pk].avg_percent) == (0, 0, None)
    assert "1 At risk, 1 Off track" in response.content.decode()
    entry = StatusLegendEntry.objects.get(status="at_risk")
    entry.label = "Needs support"
    entry.save()  # forgets the cached legend (equity.cached_reads)
    assert "1 Needs support, 1 Off track" in client.get(reverse("plans:plan_list")).content.decode()


def test_settings_change_group_and_legend(client, personas, world):
    from plans.models import RacialGroup, StatusLegendEntry

    client.force_login(personas.equity)
    response = client.post(reverse("plans:group_create"), {"name": "Somali", "code": "somali", "sort_order": 55,
                                                          "is_active": "on", "is_total": "on"})  # fmt: skip
    assert response.status_code == 400 and "Only one group can be the overall total." in response.content.decode()
    response = client.post(reverse("plans:group_create"), {"name": "Somali", "code": "somali", "sort_order": 55,
                                                          "is_active": "on"})  # fmt: skip
    assert response.status_code == 302
    assert RacialGroup.objects.get(code="somali").history.first().history_user == personas.equity
    entry = StatusLegendEntry.objects.get(status="at_risk")
    client.post(
        reverse("plans:legend_update", args=[entry.pk]),
        {"tone": "danger", "description": "Needs help", "sort_order": 20, "needs_attention": "on"},
    )
    entry.refresh_from_db()
    assert entry.tone == "danger"
    body = client.get(reverse("plans:action_detail", args=[world.action.pk])).content.decode()
    assert "text-bg-" in body


def test_plan_stale_form_refused(client, personas, world):
    client.force_login(personas.manager)
    url = reverse("plans:plan_update", args=[world.plan.pk])
    data = {
        "title": "Renamed", "scope": "department", "departments": [personas.dept.pk], "status": "active",
        "period_start": "2025-01-01", "period_end": "2028-12-31", "adopted_on": "2025-02-01", "version": 1,
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "title": "Stale"})
    assert response.status_code == 409 and "Renamed" in response.content.decode()
    world.plan.refresh_from_db()
    assert world.plan.title == "Renamed"
