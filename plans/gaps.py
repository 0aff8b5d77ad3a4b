"""Racial equity gaps of an indicator: for each year, each group's value against a reference, and the trend.

Pure functions over plain values (no database, no request), so pages, exports and PDF reports share them.

Rules (docs/plans.md has a worked example, ADR 0033 the reasons):
- The gap is how far a group is *behind* the reference, in the indicator's unit and direction: reference − value
  when higher is better, value − reference when lower is better. It is signed: a group ahead of the reference has
  a negative gap. Against the best-off group nobody is ahead, so those gaps are ≥ 0 and the best-off group's is 0.
- A year is compared only when there is something to compare with: the best-off reference needs two or more
  groups (a group is never its own reference), the "all residents" reference needs the total and one group.
  Other years are kept as `SkippedYear`s with the reason, so the page can say why they show no gap.
- With margins of error (ACS, 90 % confidence) on both values, a gap is significant when the Census Bureau's test
  says so: Z = |difference| / √(SE₁² + SE₂²) with SE = MOE / 1.645, significant when Z > 1.645.
- Trends: the change is signed (last gap − first gap); "narrowing" and "widening" compare the size of the gap,
  and a gap that changes sign says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

HIGHER = "higher"
LOWER = "lower"
REFERENCE_BEST = "best"
REFERENCE_TOTAL = "total"

NARROWING = "narrowing"
WIDENING = "widening"
UNCHANGED = "unchanged"
NOW_AHEAD = "now_ahead"
NOW_BEHIND = "now_behind"
TREND_LABELS = {
    NARROWING: _("Narrowing"),
    WIDENING: _("Widening"),
    UNCHANGED: _("No change"),
    NOW_AHEAD: _("Moved ahead of the reference"),
    NOW_BEHIND: _("Fell behind the reference"),
}

ONE_GROUP = "one_group"
NO_TOTAL = "no_total"
NO_GROUPS = "no_groups"
NO_GAP_REASONS = {
    ONE_GROUP: _("Only one group has data for this year; a group is never compared with itself, so there is no gap."),
    NO_TOTAL: _("There is no value for all residents this year, so there is nothing to compare with."),
    NO_GROUPS: _("Only the value for all residents is known this year; there is no group to compare."),
}

RATIO_PLACES = Decimal("0.01")
# Critical value of a two-sided test at 90 % confidence; ACS margins of error are published at 90 % (1.645 SE).
Z_90 = Decimal("1.645")


@dataclass(frozen=True)
class Point:
    """One value of an indicator: a year, a group (key and name), the value, its optional margin of error (90 %),
    and whether it is the overall total."""

    year: int
    group_key: object
    group_name: str
    value: Decimal
    is_total: bool = False
    moe: Decimal | None = None


@dataclass(frozen=True)
class GroupGap:
    """One group in one year against the reference: signed gap, ratio, and the gap's significance when both values
    have a margin of error (None otherwise, and for the reference itself)."""

    group_key: object
    group_name: str
    value: Decimal
    gap: Decimal
    ratio: Decimal | None
    is_reference: bool
    moe: Decimal | None = None
    gap_moe: Decimal | None = None
    significant: bool | None = None

    @property
    def not_significant(self) -> bool:
        """True only when a test was possible and found the difference within the margins of error."""
        return self.significant is False


@dataclass(frozen=True)
class YearGaps:
    """All groups of one year, worst gap first, with the reference used and the largest gap."""

    year: int
    reference_name: str
    reference_value: Decimal
    rows: list[GroupGap]
    reference_moe: Decimal | None = None
    skipped = False

    @property
    def largest_gap(self) -> Decimal:
        return max((row.gap for row in self.rows), default=Decimal(0))

    @property
    def any_not_significant(self) -> bool:
        return any(row.not_significant for row in self.rows)


@dataclass(frozen=True)
class SkippedYear:
    """A year with data but no gap, and why (one of NO_GAP_REASONS); `points` are the values that year has."""

    year: int
    reason: str
    points: list[Point] = field(default_factory=list)
    skipped = True

    @property
    def reason_label(self) -> str:
        return str(NO_GAP_REASONS[self.reason])


@dataclass(frozen=True)
class GroupTrend:
    """How one group's gap moved between its first and latest compared year, and since the compared year before."""

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
    """The gap table of an indicator: compared years (oldest first), years without a gap, per-group trends, and the
    trend of the largest gap."""

    years: list[YearGaps]
    trends: list[GroupTrend]
    largest_gap_trend: str | None
    skipped: list[SkippedYear] = field(default_factory=list)
    reference: str = REFERENCE_BEST
    direction: str = HIGHER

    @property
    def latest(self) -> YearGaps | None:
        return self.years[-1] if self.years else None

    @property
    def timeline(self) -> list[YearGaps | SkippedYear]:
        """Every year with data, compared or skipped, newest first (the order the page lists them in)."""
        return sorted([*self.years, *self.skipped], key=lambda entry: entry.year, reverse=True)

    @property
    def any_not_significant(self) -> bool:
        return any(year.any_not_significant for year in self.years)


def signed_gap(*, value: Decimal, reference: Decimal, direction: str) -> Decimal:
    """How far `value` is behind `reference` given which way is better: positive when behind, negative when ahead."""
    return reference - value if direction == HIGHER else value - reference


def ratio(*, value: Decimal, reference: Decimal) -> Decimal | None:
    """value / reference to two decimals, or None when the reference is zero."""
    if reference == 0:
        return None
    return (value / reference).quantize(RATIO_PLACES, rounding=ROUND_HALF_UP)


def difference_moe(*, moe_a: Decimal | None, moe_b: Decimal | None) -> Decimal | None:
    """The margin of error of a difference of two independent estimates, √(MOE₁² + MOE₂²); None without both."""
    if moe_a is None or moe_b is None:
        return None
    return (moe_a * moe_a + moe_b * moe_b).sqrt()


def is_significant(*, difference: Decimal, moe_a: Decimal | None, moe_b: Decimal | None) -> bool | None:
    """The Census Bureau's test at 90 %: Z = |d| / √(SE₁² + SE₂²), SE = MOE / 1.645; significant when Z > 1.645.

    None when either value has no margin of error (nothing to test). With both margins zero (exact counts) any
    difference is significant and none is not."""
    if moe_a is None or moe_b is None:
        return None
    se = ((moe_a / Z_90) ** 2 + (moe_b / Z_90) ** 2).sqrt()
    if se == 0:
        return difference != 0
    return abs(difference) / se > Z_90


def _trend(*, before: Decimal, after: Decimal) -> str:
    if before > 0 > after:
        return NOW_AHEAD
    if before < 0 < after:
        return NOW_BEHIND
    if abs(after) < abs(before):
        return NARROWING
    if abs(after) > abs(before):
        return WIDENING
    return UNCHANGED


def _best(points: list[Point], direction: str) -> Point:
    """The best-off group; ties go to the first in the given order so results are stable."""
    choose = max if direction == HIGHER else min
    target = choose(p.value for p in points)
    return next(p for p in points if p.value == target)


def year_gaps(
    *, year: int, points: list[Point], direction: str, reference: str = REFERENCE_BEST
) -> YearGaps | SkippedYear | None:
    """Gaps of one year's points; a SkippedYear (with the reason) when there is nothing to compare; None when the
    year has no points at all."""
    if not points:
        return None
    groups = [p for p in points if not p.is_total]
    if not groups:
        return SkippedYear(year=year, reason=NO_GROUPS, points=points)
    if reference == REFERENCE_TOTAL:
        ref_point = next((p for p in points if p.is_total), None)
        if ref_point is None:
            return SkippedYear(year=year, reason=NO_TOTAL, points=points)
    else:
        if len(groups) < 2:
            return SkippedYear(year=year, reason=ONE_GROUP, points=points)
        ref_point = _best(groups, direction)
    rows = []
    for p in groups:
        gap = signed_gap(value=p.value, reference=ref_point.value, direction=direction)
        is_ref = p is ref_point
        rows.append(
            GroupGap(
                group_key=p.group_key,
                group_name=p.group_name,
                value=p.value,
                gap=gap,
                ratio=ratio(value=p.value, reference=ref_point.value),
                is_reference=is_ref,
                moe=p.moe,
                gap_moe=None if is_ref else difference_moe(moe_a=p.moe, moe_b=ref_point.moe),
                significant=None if is_ref else is_significant(difference=gap, moe_a=p.moe, moe_b=ref_point.moe),
            )
        )
    rows.sort(key=lambda row: (-row.gap, row.group_name))
    return YearGaps(
        year=year,
        reference_name=ref_point.group_name,
        reference_value=ref_point.value,
        reference_moe=ref_point.moe,
        rows=rows,
    )


def _trends(years: list[YearGaps]) -> list[GroupTrend]:
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
    return trends


def gap_report(*, points: Iterable[Point], direction: str, reference: str = REFERENCE_BEST) -> GapReport:
    """The full gap analysis of an indicator's points."""
    if direction not in (HIGHER, LOWER):
        raise ValueError(f"direction must be {HIGHER!r} or {LOWER!r}")
    if reference not in (REFERENCE_BEST, REFERENCE_TOTAL):
        raise ValueError(f"reference must be {REFERENCE_BEST!r} or {REFERENCE_TOTAL!r}")
    by_year: dict[int, list[Point]] = {}
    for point in points:
        by_year.setdefault(point.year, []).append(point)
    years: list[YearGaps] = []
    skipped: list[SkippedYear] = []
    for year in sorted(by_year):
        entry = year_gaps(year=year, points=by_year[year], direction=direction, reference=reference)
        if isinstance(entry, YearGaps):
            years.append(entry)
        elif entry is not None:
            skipped.append(entry)
    largest = _trend(before=years[0].largest_gap, after=years[-1].largest_gap) if len(years) >= 2 else None
    return GapReport(
        years=years,
        trends=_trends(years),
        largest_gap_trend=largest,
        skipped=skipped,
        reference=reference,
        direction=direction,
    )
