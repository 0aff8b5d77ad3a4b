"""Spreadsheet rows of the plans app: a plan's actions with their latest update, and indicator data."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import F, OuterRef, Subquery
from django.utils.translation import gettext as _

from plans.models import Action, Indicator, IndicatorDataPoint, Plan, ProgressUpdate
from plans.numbers import shown_value
from plans.status import legend


def action_rows(*, plan: Plan) -> tuple[list[str], Iterator[list[object]]]:
    """Header and rows: every action of the plan with status, percent, dates and its latest update."""
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk"), corrections__isnull=True).order_by(
        F("as_of").desc(nulls_last=True), "-created_at", "-pk"
    )
    labels = legend()
    actions = (
        Action.objects.filter(plan=plan)
        .select_related("lead_department", "accountable", "priority")
        .annotate(
            latest_at=Subquery(latest.values("created_at")[:1]),
            latest_summary=Subquery(latest.values("summary")[:1]),
            latest_barriers=Subquery(latest.values("barriers")[:1]),
        )
        .order_by("code_key", "due_date", "pk")
    )
    header = [
        _("Action"), _("Code"), _("Lead department"), _("Accountable"), _("Status"), _("Percent complete"),
        _("Start date"), _("Due date"), _("Timeline"), _("Priority"), _("Latest update"), _("What happened"),
        _("Barriers"), _("Status as of"), _("Status source"),
    ]  # fmt: skip

    def rows() -> Iterator[list[object]]:
        for a in actions.iterator(chunk_size=500):
            yield [
                a.title,
                a.code,
                a.lead_department.name,
                a.accountable.display_name if a.accountable else "",
                labels.label(a.status),
                a.percent_complete,  # blank when not reported
                a.start_date,
                a.due_date,
                a.timeline,
                a.priority.label if a.priority else "",
                a.latest_at.date() if a.latest_at else None,
                a.latest_summary or "",
                a.latest_barriers or "",
                a.status_as_of,
                a.status_source,
            ]

    return [str(h) for h in header], rows()


def indicator_rows(*, indicator: Indicator) -> tuple[list[str], Iterator[list[object]]]:
    """Header and rows: the indicator's values by year and group, with the indicator's decimal places (more when a
    value has more, so nothing is rounded away), and their margins of error: the columns the CSV upload reads."""
    points = (
        IndicatorDataPoint.objects.filter(indicator=indicator)
        .select_related("group")
        .order_by("year", "group__sort_order", "group__name")
    )
    header = ["year", "group", "value", "moe", "note", "group name", "indicator", "unit"]
    places = indicator.decimal_places

    def rows() -> Iterator[list[object]]:
        for p in points.iterator(chunk_size=500):
            value, moe = shown_value(p.value, places), shown_value(p.margin_of_error, places)
            yield [p.year, p.group.code, value, moe, p.note, p.group.name, indicator.name, indicator.unit]

    return [str(h) for h in header], rows()
