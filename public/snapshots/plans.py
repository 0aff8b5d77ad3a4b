"""The snapshot of an action plan: the plan's public fields, results → outcomes → actions with status, percent,
lead department and the latest *reviewed* progress update's summary, and roll-ups by status. Accountable persons'
names only when the publication says so; descriptions of barriers, cost, staff time, partners' notes, internal
review notes and anything from Racial Equity Tool worksheets are never copied."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db.models import Prefetch

from plans.models import Action, ActionStatus, Outcome, Plan, ProgressUpdate, Result
from plans.status import Legend, legend
from public.snapshots import SCHEMA_VERSION


def _date(value) -> str | None:
    return None if value is None else value.isoformat()


def rollup(actions: Iterable[dict]) -> dict:
    """Actions by status (cancelled ones apart) and the average percent of those reporting one."""
    actions = list(actions)
    counted = [a for a in actions if a["status"] != ActionStatus.CANCELLED]
    counts = Counter(a["status"] for a in counted)
    percents = [a["percent_complete"] for a in counted if a["percent_complete"] is not None]
    total = len(counted)
    return {
        "total": total,
        "cancelled": len(actions) - total,
        "by_status": [
            {
                "status": status.value,
                "label": str(status.label),
                "count": counts[status.value],
                "share": round(100 * counts[status.value] / total) if total else 0,
            }
            for status in ActionStatus
            if status != ActionStatus.CANCELLED
        ],
        "average_percent": round(sum(percents) / len(percents)) if percents else None,
        "reporting": len(percents),
    }


def _latest_reviewed_updates(plan: Plan) -> dict[int, dict]:
    rows = (
        ProgressUpdate.objects.filter(action__plan=plan, reviewed_at__isnull=False)
        .order_by("action_id", "-created_at", "-pk")
        .values("action_id", "summary", "as_of", "created_at")
    )
    latest: dict[int, dict] = {}
    for row in rows:
        if row["action_id"] not in latest:
            as_of = row["as_of"] or row["created_at"].date()
            latest[row["action_id"]] = {"as_of": as_of.isoformat(), "summary": row["summary"]}
    return latest


def _action(action: Action, *, show_people: bool, updates: dict[int, dict], statuses: Legend) -> dict:
    accountable = action.accountable
    return {
        "code": action.code,
        "title": action.title,
        "description": action.description,
        "status": action.status,
        "status_label": statuses.label(action.status),
        "status_tone": statuses.get(action.status, "secondary"),
        "percent_complete": action.percent_complete,
        "lead_department": action.lead_department.name,
        "co_lead_departments": [d.name for d in action.co_lead_departments.all()],
        "accountable": accountable.display_name if show_people and accountable else None,
        "timeline": action.timeline,
        "start_date": _date(action.start_date),
        "due_date": _date(action.due_date),
        "completed_on": _date(action.completed_on),
        "measure_of_success": action.measure_of_success,
        "latest_update": updates.get(action.pk),
    }


def plan_payload(*, plan: Plan, show_people: bool) -> dict:
    """Everything the public plan page, its widget, its files and its PDF show. A fixed number of queries."""
    statuses = legend()
    updates = _latest_reviewed_updates(plan)
    actions = list(
        Action.objects.filter(plan=plan)
        .select_related("lead_department", "accountable")
        .prefetch_related("co_lead_departments", Prefetch("outcomes", queryset=Outcome.objects.only("pk")))
        .order_by("code_key", "pk")
    )
    by_outcome: dict[int, list[dict]] = {}
    outcome_action_ids: dict[int, list[int]] = {}
    unlinked: list[dict] = []
    flat: list[dict] = []
    for action in actions:
        row = _action(action, show_people=show_people, updates=updates, statuses=statuses)
        outcome_ids = [o.pk for o in action.outcomes.all()]
        flat.append(row)
        for outcome_id in outcome_ids:
            by_outcome.setdefault(outcome_id, []).append(row)
            outcome_action_ids.setdefault(outcome_id, []).append(action.pk)
        if not outcome_ids:
            unlinked.append(row)
    results = []
    outcomes_in_order = Outcome.objects.select_related("department").order_by("code_key", "sort_order", "pk")
    for result in Result.objects.filter(plan=plan).prefetch_related(
        Prefetch("outcomes", queryset=outcomes_in_order),
        "indicators",
    ):
        rows_by_action: dict[int, dict] = {}
        outcomes = []
        for outcome in result.outcomes.all():
            for action_id, row in zip(
                outcome_action_ids.get(outcome.pk, []), by_outcome.get(outcome.pk, []), strict=True
            ):
                rows_by_action[action_id] = row
            outcome_rows = by_outcome.get(outcome.pk, [])
            outcomes.append(
                {
                    "code": outcome.code,
                    "statement": outcome.statement,
                    "level": str(outcome.get_level_display()),
                    "department": outcome.department.name if outcome.department else None,
                    "actions": outcome_rows,
                    "rollup": rollup(outcome_rows),
                }
            )
        results.append(
            {
                "code": result.code,
                "statement": result.statement,
                "area": result.area,
                "area_label": str(result.get_area_display()),
                "description": result.description,
                "indicators": [{"id": i.pk, "name": i.name} for i in result.indicators.all()],
                "outcomes": outcomes,
                "rollup": rollup(rows_by_action.values()),
            }
        )
    return {
        "schema": SCHEMA_VERSION,
        "kind": "plan",
        "title": plan.title,
        "scope": plan.scope,
        "scope_label": str(plan.get_scope_display()),
        "status": plan.status,
        "status_label": str(plan.get_status_display()),
        "period_start": _date(plan.period_start),
        "period_end": _date(plan.period_end),
        "adopted_on": _date(plan.adopted_on),
        "adopted_by": plan.adopted_by,
        "statement": plan.narrative,
        "departments": [d.name for d in plan.departments.all()],
        "show_people": show_people,
        "rollup": rollup(flat),
        "results": results,
        "unlinked_actions": unlinked,
        "actions": flat,
    }
