"""Migration 0010_plan_structure: the fixed priority and effort values become scale levels, on actions and in their
history, forwards and backwards."""

import pytest
from django.utils import timezone

from tests.migrations import migrate_to, migrate_to_latest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("plans", "0009_statuses_and_progress")]
AFTER = [("plans", "0010_plan_structure")]


def test_priority_and_effort_values_become_levels(personas):
    try:
        old = migrate_to(BEFORE)
        Plan, Action = old.get_model("plans", "Plan"), old.get_model("plans", "Action")
        History = old.get_model("plans", "HistoricalAction")
        today = timezone.localdate()
        plan = Plan.objects.create(title="P", period_start=today, period_end=today)
        action = Action.objects.create(
            plan=plan, title="A", lead_department_id=personas.dept.pk, priority="high", effort="low"
        )
        History.objects.create(
            id=action.pk, plan_id=plan.pk, title="A", lead_department_id=personas.dept.pk, priority="low",
            effort="high", status="not_started", percent_complete=0, version=1, created_at=action.created_at,
            updated_at=action.updated_at, history_date=timezone.now(), history_type="+",
        )  # fmt: skip

        new = migrate_to(AFTER)
        Action = new.get_model("plans", "Action")
        History = new.get_model("plans", "HistoricalAction")
        moved = Action.objects.select_related("priority", "effort").get(pk=action.pk)
        assert (moved.priority.kind, moved.priority.label) == ("priority", "High")
        assert (moved.effort.kind, moved.effort.label) == ("effort", "Low")
        assert moved.code_key == "~" and moved.impact_id is None
        row = History.objects.get(id=action.pk)
        ScaleLevel = new.get_model("plans", "ScaleLevel")
        assert ScaleLevel.objects.get(pk=row.priority_id).label == "Low"
        assert ScaleLevel.objects.filter(kind="impact").count() == 3

        back = migrate_to(BEFORE)
        assert back.get_model("plans", "Action").objects.get(pk=action.pk).priority == "high"
    finally:
        migrate_to_latest()
