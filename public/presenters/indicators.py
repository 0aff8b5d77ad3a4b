"""The public indicator page (and the home page's gap lines) from an indicator snapshot's payload: the chart drawn
by `plans.charts` from the payload's published values, the table by group and year with suppressed cells as text,
the gap table latest year first, and the trend per group. Nothing is read from the database."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from plans.charts import group_colours, indicator_chart_svg
from plans.gaps import Point
from plans.numbers import format_value


@dataclass(frozen=True)
class ChartIndicator:
    """The indicator's figures the chart needs, from the payload (`plans.charts` reads these attributes)."""

    name: str
    unit: str
    baseline_value: Decimal | None
    baseline_year: int | None
    target_value: Decimal | None
    target_year: int | None
    decimal_places: int | None


def _decimal(text: object) -> Decimal | None:
    if text is None or text == "":
        return None
    try:
        return Decimal(str(text))
    except InvalidOperation:
        return None


def suppressed_label(payload: Mapping) -> str:
    """The text shown instead of a suppressed figure, with the threshold in force when the snapshot was taken."""
    return _("Suppressed: fewer than %(n)s people") % {"n": payload.get("suppress_below", "")}


def _places(payload: Mapping) -> int | None:
    return payload.get("decimal_places")


def _groups(payload: Mapping) -> list[tuple[object, str, bool]]:
    seen: dict[object, tuple[object, str, bool]] = {}
    for row in payload.get("values", []):
        seen.setdefault(row["group_key"], (row["group_key"], row["group"], bool(row.get("is_total"))))
    return list(seen.values())


def chart_svg(payload: Mapping) -> str:
    """The indicator's chart (SVG) from the published, non-suppressed values."""
    points = [
        Point(
            row["year"],
            row["group_key"],
            row["group"],
            value,
            is_total=bool(row.get("is_total")),
            moe=_decimal(row.get("margin_of_error")),
        )
        for row in payload.get("values", [])
        if not row.get("suppressed") and (value := _decimal(row.get("value"))) is not None
    ]
    colours = group_colours((key, is_total) for key, _name, is_total in _groups(payload))
    baseline, target = payload.get("baseline") or {}, payload.get("target") or {}
    indicator = ChartIndicator(
        name=payload.get("name", ""),
        unit=payload.get("unit", ""),
        baseline_value=_decimal(baseline.get("value")),
        baseline_year=baseline.get("year"),
        target_value=_decimal(target.get("value")),
        target_year=target.get("year"),
        decimal_places=_places(payload),
    )
    return indicator_chart_svg(indicator=indicator, data=points, colours=colours)


def value_text(payload: Mapping, row: Mapping | None) -> str:
    """A published value as text: the suppressed text, "—" when there is none, else the number (± margin)."""
    if row is None:
        return format_value(None)
    if row.get("suppressed"):
        return suppressed_label(payload)
    text = format_value(_decimal(row.get("value")), _places(payload))
    moe = _decimal(row.get("margin_of_error"))
    return f"{text} ± {format_value(moe, _places(payload))}" if moe is not None else text


def value_table(payload: Mapping) -> dict:
    """Years (columns) and one row per group with each year's text."""
    values = payload.get("values", [])
    years = sorted({row["year"] for row in values})
    cells = {(row["group_key"], row["year"]): row for row in values}
    rows = [
        {"group": name, "is_total": is_total, "cells": [value_text(payload, cells.get((key, y))) for y in years]}
        for key, name, is_total in _groups(payload)
    ]
    return {"years": years, "rows": rows}


def _significance(value: object) -> str:
    if value is None:
        return _("Not known")
    return _("Yes") if value else _("No")


def _gap_year(payload: Mapping, year: Mapping) -> dict:
    places = _places(payload)
    suppressed = [
        row["group"] for row in payload.get("values", []) if row["year"] == year["year"] and row.get("suppressed")
    ]
    return {
        "year": year["year"],
        "reference": year.get("reference"),
        "reference_value": format_value(_decimal(year.get("reference_value")), places),
        "groups": [
            {
                "group": g["group"],
                "is_reference": g.get("is_reference"),
                "value": format_value(_decimal(g.get("value")), places),
                "gap": format_value(_decimal(g.get("gap")), places, signed=True),
                "ratio": format_value(_decimal(g.get("ratio")), 2),
                "significant": _significance(g.get("significant")),
            }
            for g in year.get("groups", [])
        ],
        "suppressed": suppressed,
    }


def gap_tables(payload: Mapping) -> list[dict]:
    """The gap table of every year, latest first, with the groups suppressed that year named apart."""
    return [_gap_year(payload, year) for year in reversed(payload.get("gaps", {}).get("years", []))]


def latest_gaps(payload: Mapping) -> dict | None:
    """The latest year's gaps (for the home page), or None when there is no gap yet."""
    years = payload.get("gaps", {}).get("years", [])
    return _gap_year(payload, years[-1]) if years else None


def trends(payload: Mapping) -> list[dict]:
    """Each group's gap trend: first and last gap, change and its label."""
    places = _places(payload)
    return [
        {
            "group": t["group"],
            "first_year": t.get("first_year"),
            "last_year": t.get("last_year"),
            "first_gap": format_value(_decimal(t.get("first_gap")), places, signed=True),
            "last_gap": format_value(_decimal(t.get("last_gap")), places, signed=True),
            "change": format_value(_decimal(t.get("change")), places, signed=True),
            "label": t.get("trend_label", ""),
        }
        for t in payload.get("gaps", {}).get("trends", [])
    ]
