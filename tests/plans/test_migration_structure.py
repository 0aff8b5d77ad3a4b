"""Migration 0010_plan_structure: the fixed priority and effort values become scale levels, on actions and in their
history, forwards and backwards (on a scratch database, tests/migrations.py)."""

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db(databases=[])  # the scratch database only; the worker's is refused

BEFORE = [("plans", "0009_statuses_and_progress")]
AFTER = [("plans", "0010_plan_structure")]


def test_priority_and_effort_values_become_levels(scratch_db):
    using = scratch_db.alias
    old = scratch_db.migrate(BEFORE)
    dept = old.get_model("equity", "Department").objects.using(using).create(name="Community Development", code="CD")
    today = timezone.localdate()
    plan = old.get_model("plans", "Plan").objects.using(using).create(title="P", period_start=today, period_end=today)
    action = (
        old.get_model("plans", "Action")
        .objects.using(using)
        .create(plan=plan, title="A", lead_department_id=dept.pk, priority="high", effort="low")
    )
    old.get_model("plans", "HistoricalAction").objects.using(using).create(
        id=action.pk, plan_id=plan.pk, title="A", lead_department_id=dept.pk, priority="low", effort="high",
        status="not_started", percent_complete=0, version=1, created_at=action.created_at,
        updated_at=action.updated_at, history_date=timezone.now(), history_type="+",
    )  # fmt: skip

    new = scratch_db.migrate(AFTER)
    moved = new.get_model("plans", "Action").objects.using(using).select_related("priority", "effort").get(pk=action.pk)
    assert (moved.priority.kind, moved.priority.label) == ("priority", "High")
    assert (moved.effort.kind, moved.effort.label) == ("effort", "Low")
    assert moved.code_key == "~" and moved.impact_id is None
    row = new.get_model("plans", "HistoricalAction").objects.using(using).get(id=action.pk)
    levels = new.get_model("plans", "ScaleLevel").objects.using(using)
    assert (levels.get(pk=row.priority_id).label, levels.get(pk=row.effort_id).label) == ("Low", "High")
    assert levels.filter(kind="impact").count() == 3

    back = scratch_db.migrate(BEFORE)
    action = back.get_model("plans", "Action").objects.using(using).get(pk=action.pk)
    assert (action.priority, action.effort) == ("high", "low")
    history = back.get_model("plans", "HistoricalAction").objects.using(using).get(id=action.pk)
    assert (history.priority, history.effort) == ("low", "high")
