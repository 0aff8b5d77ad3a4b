"""Racial equity gaps of an indicator: for each year, each group's value against a reference, and the trend.

Pure functions over plain values (no database, no request), so pages, exports and PDF reports share them. The
reference is the best-off group of that year (given the indicator's direction of "better"), or the overall value.
The gap is how far a group is behind the reference, never negative; the ratio is the group's value divided by the
reference value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

HIGHER = "higher"
LOWER = "lower"
REFERENCE_BEST = "best"
REFERENCE_TOTAL = "total"
NARROWING = "narrowing"
WIDENING = "widening"
UNCHANGED = "unchanged"
TREND_LABELS = {NARROWING: _("Narrowing"), WIDENING: _("Widening"), UNCHANGED: _("No change")}
RATIO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Point:
    """One value of an indicator: a year, a group (key and name), the value, and whether it is the overall total."""

    year: int
    group_key: object
    group_name: str
    value: Decimal
    is_total: bool = False


@dataclass(frozen=True)
class GroupGap:
    """One group in one year against the reference."""

    group_key: object
    group_name: str
    value: Decimal
    gap: Decimal
    ratio: Decimal | None
    is_reference: bool


@dataclass(frozen=True)
class YearGaps:
    """All groups of one year, worst gap first, with the reference used and the largest gap."""

    year: int
    reference_name: str
    reference_value: Decimal
    rows: list[GroupGap]

    @property
    def largest_gap(self) -> Decimal:
        return max((row.gap for row in self.rows), default=Decimal(0))


@dataclass(frozen=True)
class GroupTrend:
    """How one group's gap moved between its first and latest year with data, and since the year before."""

    group_key: object
    group_name: str
    first_year: int
    last_year: int
    first_gap: Decimal
    last_gap: Decimal
    change: Decimal
    trend: str
    since_previous: str | None

    @property
    def trend_label(self) -> str:
        return str(TREND_LABELS[self.trend])


@dataclass(frozen=True)
class GapReport:
    """The gap table of an indicator: by year (oldest first), per-group trends, and the trend of the largest gap."""

    years: list[YearGaps]
    trends: list[GroupTrend]
    largest_gap_trend: str | None

    @property
    def latest(self) -> YearGaps | None:
        return self.years[-1] if self.years else None


def shortfall(*, value: Decimal, reference: Decimal, direction: str) -> Decimal:
    """How far `value` is behind `reference` when `direction` says which way is better; 0 when not behind."""
    behind = reference - value if direction == HIGHER else value - reference
    return max(behind, Decimal(0))


def ratio(*, value: Decimal, reference: Decimal) -> Decimal | None:
    """value / reference to two decimals, or None when the reference is zero."""
    if reference == 0:
        return None
    return (value / reference).quantize(RATIO_PLACES, rounding=ROUND_HALF_UP)


def _trend(*, before: Decimal, after: Decimal) -> str:
    if after < before:
        return NARROWING
    if after > before:
        return WIDENING
    return UNCHANGED


def _best(points: list[Point], direction: str) -> Point:
    """The best-off group; ties go to the first in the given order so results are stable."""
    choose = max if direction == HIGHER else min
    target = choose(p.value for p in points)
    return next(p for p in points if p.value == target)


def year_gaps(*, year: int, points: list[Point], direction: str, reference: str = REFERENCE_BEST) -> YearGaps | None:
    """Gaps of one year's points; None when there is nothing to compare (no groups, or no total when asked)."""
    groups = [p for p in points if not p.is_total]
    if not groups:
        return None
    if reference == REFERENCE_TOTAL:
        total = next((p for p in points if p.is_total), None)
        if total is None:
            return None
        ref_point = total
    else:
        ref_point = _best(groups, direction)
    rows = [
        GroupGap(
            group_key=p.group_key,
            group_name=p.group_name,
            value=p.value,
            gap=shortfall(value=p.value, reference=ref_point.value, direction=direction),
            ratio=ratio(value=p.value, reference=ref_point.value),
            is_reference=p is ref_point,
        )
        for p in groups
    ]
    rows.sort(key=lambda row: (-row.gap, row.group_name))
    return YearGaps(year=year, reference_name=ref_point.group_name, reference_value=ref_point.value, rows=rows)


def gap_report(*, points: Iterable[Point], direction: str, reference: str = REFERENCE_BEST) -> GapReport:
    """The full gap analysis of an indicator's points."""
    if direction not in (HIGHER, LOWER):
        raise ValueError(f"direction must be {HIGHER!r} or {LOWER!r}")
    by_year: dict[int, list[Point]] = {}
    for point in points:
        by_year.setdefault(point.year, []).append(point)
    years = [
        gaps
        for year in sorted(by_year)
        if (gaps := year_gaps(year=year, points=by_year[year], direction=direction, reference=reference))
    ]
    history: dict[object, list[tuple[int, str, Decimal]]] = {}
    for gaps in years:
        for row in gaps.rows:
            history.setdefault(row.group_key, []).append((gaps.year, row.group_name, row.gap))
    trends = []
    for key, series in history.items():
        if len(series) < 2:
            continue
        first_year, first_gap = series[0][0], series[0][2]
        prev_gap = series[-2][2]
        last_year, name, last_gap = series[-1]
        trends.append(
            GroupTrend(
                group_key=key,
                group_name=name,
                first_year=first_year,
                last_year=last_year,
                first_gap=first_gap,
                last_gap=last_gap,
                change=last_gap - first_gap,
                trend=_trend(before=first_gap, after=last_gap),
                since_previous=_trend(before=prev_gap, after=last_gap),
            )
        )
    trends.sort(key=lambda t: (-t.last_gap, t.group_name))
    largest = _trend(before=years[0].largest_gap, after=years[-1].largest_gap) if len(years) >= 2 else None
    return GapReport(years=years, trends=trends, largest_gap_trend=largest)
