"""Spreadsheet rows of the plans app: a plan's actions with their latest update, and indicator data."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import F, OuterRef, Subquery
from django.utils.translation import gettext_lazy

from plans.imports.codecs import load_co_leads
from plans.imports.columns import ACTION, COLUMNS, OUTCOME, RESULT
from plans.models import Action, Indicator, IndicatorDataPoint, Outcome, Plan, ProgressUpdate, Result
from plans.numbers import shown_value


def action_rows(*, plan: Plan) -> tuple[list[object], Iterator[list[object]]]:
    """Header and rows: the whole plan in the import's format (plans.imports.columns, the same headers, so an edited
    export imports again), one row per action and outcome it serves (results and outcomes without actions get a row
    of their own), then each action's latest update (corrected updates left out), which the import ignores."""
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk"), correction__isnull=True).order_by(
        F("as_of").desc(nulls_last=True), "-created_at", "-pk"
    )
    queryset = (
        Action.objects.filter(plan=plan)
        .select_related("lead_department", "accountable", "priority", "effort", "impact")
        .annotate(
            latest_at=Subquery(latest.values("created_at")[:1]),
            latest_summary=Subquery(latest.values("summary")[:1]),
            latest_barriers=Subquery(latest.values("barriers")[:1]),
        )
        .order_by("code_key", "due_date", "pk")
    )
    actions = list(queryset)
    load_co_leads(actions, plan.pk)
    results = list(Result.objects.filter(plan=plan).order_by("sort_order", "pk"))
    outcomes = list(Outcome.objects.filter(result__plan=plan).select_related("department").order_by("sort_order", "pk"))
    links: dict[int, list[int]] = {}
    for action_id, outcome_id in Action.outcomes.through.objects.filter(action__plan=plan).values_list(
        "action_id", "outcome_id"
    ):
        links.setdefault(outcome_id, []).append(action_id)
    # Lazy labels: the export writes its headers in English (equity.exports), as the import also reads them.
    header: list[object] = [c.header for c in COLUMNS]
    header += [gettext_lazy("Latest update"), gettext_lazy("What happened"), gettext_lazy("Barriers")]

    # A choice's label is translated once per export, not once per row (a lazy label costs a gettext per use).
    memo: list[dict[object, object] | None] = [
        {} if getattr(c.format, "same_for_same_value", False) else None for c in COLUMNS
    ]

    def shown(i: int, column, value) -> object:
        known = memo[i]
        if known is None:
            return column.format(value)
        if value not in known:
            known[value] = column.format(value)
        return known[value]

    def cells(level_records: dict[str, object]) -> list[object]:
        row: list[object] = []
        for i, column in enumerate(COLUMNS):
            record = level_records.get(column.level)
            row.append(shown(i, column, column.read(record)) if record is not None else "")  # type: ignore[arg-type]
        action = level_records.get(ACTION)
        if action is None:
            return row + ["", "", ""]
        latest_at = action.latest_at  # type: ignore[attr-defined]
        return row + [
            latest_at.date() if latest_at else None,
            action.latest_summary or "",  # type: ignore[attr-defined]
            action.latest_barriers or "",  # type: ignore[attr-defined]
        ]

    def rows() -> Iterator[list[object]]:
        by_id = {a.pk: a for a in actions}
        position = {pk: i for i, pk in enumerate(by_id)}
        linked: set[int] = set()
        for result in results:
            mine = [o for o in outcomes if o.result_id == result.pk]
            if not mine:
                yield cells({RESULT: result})
            for outcome in mine:
                served = sorted((by_id[i] for i in links.get(outcome.pk, [])), key=lambda a: position[a.pk])
                if not served:
                    yield cells({RESULT: result, OUTCOME: outcome})
                for action in served:
                    linked.add(action.pk)
                    yield cells({RESULT: result, OUTCOME: outcome, ACTION: action})
        for action in by_id.values():
            if action.pk not in linked:
                yield cells({ACTION: action})

    return header, rows()


def indicator_rows(*, indicator: Indicator) -> tuple[list[str], Iterator[list[object]]]:
    """Header and rows: the indicator's values by year and group, with the indicator's decimal places (more when a
    value has more, so nothing is rounded away), their margins of error and the people counted: the columns the CSV
    upload reads."""
    points = (
        IndicatorDataPoint.objects.filter(indicator=indicator)
        .select_related("group")
        .order_by("year", "group__sort_order", "group__name")
    )
    header = ["year", "group", "value", "moe", "note", "people", "group name", "indicator", "unit"]
    places = indicator.decimal_places

    def rows() -> Iterator[list[object]]:
        for p in points.iterator(chunk_size=500):
            value, moe = shown_value(p.value, places), shown_value(p.margin_of_error, places)
            people = "" if p.people is None else p.people
            yield [p.year, p.group.code, value, moe, p.note, people, p.group.name, indicator.name, indicator.unit]

    return [str(h) for h in header], rows()
