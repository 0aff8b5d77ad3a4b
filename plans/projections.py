"""Where the figures are heading at the current rate: years to close each gap, and the "do nothing different" trend.

Pure functions over plans.gaps values. Both use the least-squares slope over every year with data, not the
change from the first to the last year: one unusual year at either end then moves the rate a little rather than
deciding it (ADR 0033). A straight line is a conversation starter, not a forecast model: it has no bounds (a
percentage may be projected past 100) and says nothing about why the figures move.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from plans.gaps import REFERENCE_BEST, GapReport, Point, gap_report

CLOSING = "closing"
NOT_CLOSING = "not_closing"
NO_GAP = "no_gap"
TOO_FEW_YEARS = "too_few_years"
PROJECTION_LABELS = {
    CLOSING: _("Closing at the current rate"),
    NOT_CLOSING: _("Not closing at the current rate"),
    NO_GAP: _("No gap to close (at or ahead of the reference)"),
    TOO_FEW_YEARS: _("Needs gaps in two or more years"),
}
# How far the "do nothing different" line reaches when the indicator has no target year after its data.
DEFAULT_HORIZON = 5
YEARS_PLACES = Decimal("0.1")


@dataclass(frozen=True)
class GapProjection:
    """One group's gap at the current rate: the least-squares change per year, and when it would reach zero."""

    group_key: object
    group_name: str
    last_year: int
    last_gap: Decimal
    rate: Decimal | None
    years_to_close: Decimal | None
    close_year: int | None
    status: str

    @property
    def status_label(self) -> str:
        return str(PROJECTION_LABELS[self.status])


@dataclass(frozen=True)
class Forecast:
    """The "do nothing different" line of one group (or the total): its latest value carried forward at the
    least-squares rate, one point per year from the latest year with data to the end year."""

    group_key: object
    group_name: str
    is_total: bool
    rate: Decimal
    points: list[tuple[int, Decimal]]

    @property
    def end(self) -> tuple[int, Decimal]:
        return self.points[-1]


def slope(series: Sequence[tuple[int, Decimal]]) -> Decimal | None:
    """The least-squares slope of (year, value) pairs per year; None with fewer than two distinct years."""
    if len({x for x, _y in series}) < 2:
        return None
    n = Decimal(len(series))
    mean_x = sum(Decimal(x) for x, _y in series) / n
    mean_y = sum(y for _x, y in series) / n
    sxx = sum((Decimal(x) - mean_x) ** 2 for x, _y in series)
    sxy = sum((Decimal(x) - mean_x) * (y - mean_y) for x, y in series)
    return Decimal(sxy) / Decimal(sxx)


def gap_projections(*, report: GapReport) -> list[GapProjection]:
    """For each group with a gap in its latest compared year: the rate its gap changes by per year and, when the
    gap is positive and shrinking, the years until it reaches zero (from the latest gap, at that rate)."""
    history: dict[object, list[tuple[int, Decimal]]] = {}
    names: dict[object, str] = {}
    for gaps in report.years:
        for row in gaps.rows:
            history.setdefault(row.group_key, []).append((gaps.year, row.gap))
            names[row.group_key] = row.group_name
    out = []
    for key, series in history.items():
        last_year, last_gap = series[-1]
        rate = slope(series)
        years = close_year = None
        if last_gap <= 0:
            status = NO_GAP
        elif rate is None:
            status = TOO_FEW_YEARS
        elif rate < 0:
            status = CLOSING
            exact = last_gap / -rate
            years = exact.quantize(YEARS_PLACES, rounding=ROUND_HALF_UP)
            close_year = last_year + math.ceil(exact)
        else:
            status = NOT_CLOSING
        out.append(GapProjection(key, names[key], last_year, last_gap, rate, years, close_year, status))
    out.sort(key=lambda p: (-p.last_gap, p.group_name))
    return out


def forecast_end_year(*, points: Iterable[Point], target_year: int | None, horizon: int = DEFAULT_HORIZON) -> int:
    """Where the trend line ends: the target year when it is after the data, otherwise `horizon` years on."""
    last = max((p.year for p in points), default=0)
    return target_year if target_year and target_year > last else last + horizon


def value_forecasts(*, points: Iterable[Point], end_year: int) -> list[Forecast]:
    """Results-Based Accountability's "do nothing different" line for every series with two or more years, in the
    order the series first appear (the chart's order)."""
    series: dict[object, list[Point]] = {}
    for point in points:
        series.setdefault(point.group_key, []).append(point)
    out = []
    for key, group_points in series.items():
        group_points.sort(key=lambda p: p.year)
        rate = slope([(p.year, p.value) for p in group_points])
        last = group_points[-1]
        if rate is None or end_year <= last.year:
            continue
        line = [(year, last.value + rate * (year - last.year)) for year in range(last.year, end_year + 1)]
        out.append(Forecast(key, last.group_name, last.is_total, rate, line))
    return out


@dataclass(frozen=True)
class IndicatorAnalysis:
    """Everything the indicator page and the PDF show about an indicator's figures, computed once."""

    report: GapReport
    projections: list[GapProjection]
    forecasts: list[Forecast]
    end_year: int | None

    @property
    def closing(self) -> list[GapProjection]:
        return [p for p in self.projections if p.status == CLOSING]


def indicator_analysis(*, indicator, points: list[Point], reference: str = REFERENCE_BEST) -> IndicatorAnalysis:
    """Gaps against `reference`, years to close them, and the "do nothing different" lines up to the indicator's
    target year (or DEFAULT_HORIZON years after its data)."""
    report = gap_report(points=points, direction=indicator.direction, reference=reference)
    end_year = forecast_end_year(points=points, target_year=indicator.target_year) if points else None
    forecasts = value_forecasts(points=points, end_year=end_year) if end_year else []
    return IndicatorAnalysis(report, gap_projections(report=report), forecasts, end_year)
