"""The snapshot of a community indicator: definition, values by group and year (small numbers suppressed), the gap
table computed from the published values only, trends, and the story behind the curve. Staff notes are never
copied: `notes` on an indicator is published because its help text asks for public caveats, not internal ones."""

from __future__ import annotations

from decimal import Decimal

from plans.gaps import GapReport, Point, gap_report
from plans.models import Indicator, IndicatorDataPoint
from plans.selectors_indicators import data_point_as_point
from public.snapshots import SCHEMA_VERSION
from public.suppression import is_small, threshold


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _point_rows(indicator: Indicator) -> tuple[list[dict], list[Point]]:
    rows = IndicatorDataPoint.objects.filter(indicator=indicator).select_related("group")
    published: list[dict] = []
    points: list[Point] = []
    for row in rows.order_by("year", "group__sort_order", "group__name"):
        small = is_small(row.people) or (indicator.values_are_counts and row.value < threshold())
        published.append(
            {
                "year": row.year,
                "group": row.group.name,
                "group_key": row.group_id,
                "is_total": row.group.is_total,
                "value": None if small else _text(row.value),
                "margin_of_error": None if small else _text(row.margin_of_error),
                "suppressed": small,
                "note": row.note,
            }
        )
        if not small:
            points.append(data_point_as_point(row))
    return published, points


def _gaps(report: GapReport) -> dict:
    return {
        "years": [
            {
                "year": year.year,
                "reference": year.reference_name,
                "reference_value": _text(year.reference_value),
                "groups": [
                    {
                        "group": row.group_name,
                        "value": _text(row.value),
                        "gap": _text(row.gap),
                        "ratio": _text(row.ratio),
                        "is_reference": row.is_reference,
                        "significant": row.significant,
                    }
                    for row in year.rows
                ],
            }
            for year in report.years
        ],
        "skipped": [{"year": skipped.year, "reason": skipped.reason_label} for skipped in report.skipped],
        "trends": [
            {
                "group": trend.group_name,
                "first_year": trend.first_year,
                "last_year": trend.last_year,
                "first_gap": _text(trend.first_gap),
                "last_gap": _text(trend.last_gap),
                "change": _text(trend.change),
                "trend": trend.trend,
                "trend_label": trend.trend_label,
            }
            for trend in report.trends
        ],
        "largest_gap_trend": report.largest_gap_trend,
    }


def indicator_payload(*, indicator: Indicator) -> dict:
    """Everything the public indicator page, its widget and its files show."""
    values, points = _point_rows(indicator)
    report = gap_report(points=points, direction=indicator.direction)
    return {
        "schema": SCHEMA_VERSION,
        "kind": "indicator",
        "name": indicator.name,
        "definition": indicator.definition,
        "unit": indicator.unit,
        "data_source": indicator.data_source,
        "direction": indicator.direction,
        "direction_label": str(indicator.get_direction_display()),
        "decimal_places": indicator.decimal_places,
        "values_are_counts": indicator.values_are_counts,
        "notes": indicator.notes,
        "story": indicator.story,
        "baseline": {"value": _text(indicator.baseline_value), "year": indicator.baseline_year},
        "target": {"value": _text(indicator.target_value), "year": indicator.target_year},
        "suppress_below": threshold(),
        "values": values,
        "gaps": _gaps(report),
    }
