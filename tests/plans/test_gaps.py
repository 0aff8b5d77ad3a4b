"""The gap computation, with numbers checked by hand."""

from decimal import Decimal as D

import pytest

from plans.gaps import (
    NARROWING,
    NO_GROUPS,
    NO_TOTAL,
    NOW_AHEAD,
    NOW_BEHIND,
    ONE_GROUP,
    UNCHANGED,
    WIDENING,
    GroupGap,
    Point,
    SkippedYear,
    YearGaps,
    difference_moe,
    gap_report,
    is_significant,
    ratio,
    signed_gap,
)


def pts(year, values, total=None, moe=None):
    """Points of one year: {name: value} (or {name: (value, moe)}), and the total likewise."""

    def point(key, name, raw, is_total=False):
        value, margin = raw if isinstance(raw, tuple) else (raw, moe)
        return Point(year, key, name, D(str(value)), is_total=is_total, moe=None if margin is None else D(str(margin)))

    out = [point(name, name, raw) for name, raw in values.items()]
    if total is not None:
        out.append(point("all", "All residents", total, is_total=True))
    return out


def by_name(year: YearGaps) -> dict[str, GroupGap]:
    return {row.group_name: row for row in year.rows}


HOMEOWNERSHIP = pts(2020, {"White": 74, "Black": 24, "Hispanic": 38}, total=68) + pts(
    2024, {"White": 75, "Black": 30, "Hispanic": 50}, total=70
)


def test_gaps_higher_is_better_against_best_group():
    report = gap_report(points=HOMEOWNERSHIP, direction="higher")
    first = report.years[0]
    assert (first.year, first.reference_name, first.reference_value) == (2020, "White", D(74))
    rows = by_name(first)
    # Black: 74 - 24 = 50 behind; 24 / 74 = 0.324... -> 0.32
    assert (rows["Black"].gap, rows["Black"].ratio) == (D(50), D("0.32"))
    # Hispanic: 74 - 38 = 36; 38 / 74 = 0.5135 -> 0.51
    assert (rows["Hispanic"].gap, rows["Hispanic"].ratio) == (D(36), D("0.51"))
    assert rows["White"].is_reference and rows["White"].gap == 0 and rows["White"].ratio == D("1.00")
    assert [r.group_name for r in first.rows] == ["Black", "Hispanic", "White"]  # worst gap first
    assert "All residents" not in rows  # the total is never a group in the table


def test_gaps_against_the_best_group_are_never_negative():
    points = pts(2020, {"A": 10, "B": 12, "C": 7}) + pts(2021, {"A": 3, "B": 2, "C": 9})
    for direction in ("higher", "lower"):
        report = gap_report(points=points, direction=direction)
        assert all(row.gap >= 0 for year in report.years for row in year.rows)
        assert all(row.gap == 0 for year in report.years for row in year.rows if row.is_reference)
    lower = by_name(gap_report(points=points, direction="lower").years[0])
    assert (lower["C"].gap, lower["A"].gap, lower["B"].gap) == (D(0), D(3), D(5))  # 7 is best; 10-7; 12-7


def test_gaps_trend_narrowing_with_hand_checked_change():
    report = gap_report(points=HOMEOWNERSHIP, direction="higher")
    latest = by_name(report.latest)
    assert latest["Black"].gap == D(45)  # 75 - 30
    assert latest["Black"].ratio == D("0.40")  # 30 / 75
    trends = {t.group_name: t for t in report.trends}
    assert (trends["Black"].first_gap, trends["Black"].last_gap, trends["Black"].change) == (D(50), D(45), D(-5))
    assert trends["Black"].trend == NARROWING
    assert trends["Hispanic"].change == D(-11)  # 36 -> 25
    assert report.largest_gap_trend == NARROWING  # 50 -> 45


def test_gaps_against_all_residents_are_signed_higher_is_better():
    report = gap_report(points=HOMEOWNERSHIP, direction="higher", reference="total")
    first = by_name(report.years[0])
    assert report.years[0].reference_name == "All residents"
    assert (first["Black"].gap, first["Black"].ratio) == (D(44), D("0.35"))  # 68 - 24; 24 / 68 = 0.3529
    # White is 6 points above the average: a negative gap, not 0.
    assert (first["White"].gap, first["White"].ratio) == (D(-6), D("1.09"))  # 68 - 74; 74 / 68 = 1.088
    assert not any(row.is_reference for row in report.years[0].rows)  # the total is the reference, not a row
    trends = {t.group_name: t for t in report.trends}
    # White: -6 (2020) -> 70 - 75 = -5 (2024): the signed change is +1, the gap to the average shrank.
    assert (trends["White"].first_gap, trends["White"].last_gap, trends["White"].change) == (D(-6), D(-5), D(1))
    assert trends["White"].trend == NARROWING


def test_gaps_against_all_residents_are_signed_lower_is_better():
    # Unemployment (lower is better): a group below the average is better off, so its gap is negative.
    points = pts(2021, {"Asian": 3, "Black": 11}, total=6) + pts(2022, {"Asian": 2, "Black": 9}, total=5)
    report = gap_report(points=points, direction="lower", reference="total")
    first, last = by_name(report.years[0]), by_name(report.years[1])
    assert (first["Asian"].gap, first["Black"].gap) == (D(-3), D(5))  # 3 - 6; 11 - 6
    assert (last["Asian"].gap, last["Black"].gap) == (D(-3), D(4))  # 2 - 5; 9 - 5
    trends = {t.group_name: t for t in report.trends}
    assert (trends["Black"].change, trends["Black"].trend) == (D(-1), NARROWING)
    assert (trends["Asian"].change, trends["Asian"].trend) == (D(0), UNCHANGED)


def test_gaps_trend_says_when_a_group_crosses_the_reference():
    points = pts(2020, {"A": 40}, total=50) + pts(2021, {"A": 55}, total=50) + pts(2022, {"A": 45}, total=50)
    trend = gap_report(points=points, direction="higher", reference="total").trends[0]
    assert (trend.first_gap, trend.last_gap) == (D(10), D(5))
    assert trend.trend == NARROWING and trend.since_previous == NOW_BEHIND  # -5 -> 5
    ahead = gap_report(points=points[:4], direction="higher", reference="total").trends[0]
    assert (ahead.change, ahead.trend) == (D(-15), NOW_AHEAD)  # 10 -> -5
    assert ahead.trend_label == "Moved ahead of the reference"


def test_gaps_lower_is_better_and_widening():
    points = pts(2020, {"White": 8, "Black": 30}) + pts(2021, {"White": 6, "Black": 30})
    report = gap_report(points=points, direction="lower")
    first = by_name(report.years[0])
    assert report.years[0].reference_name == "White"
    assert (first["Black"].gap, first["Black"].ratio) == (D(22), D("3.75"))  # 30 - 8; 30 / 8
    trend = report.trends[0]
    assert (trend.group_name, trend.last_gap, trend.trend) == ("Black", D(24), WIDENING)


def test_gaps_since_previous_year_can_differ_from_overall_trend():
    points = pts(2020, {"A": 100, "B": 50}) + pts(2021, {"A": 100, "B": 60}) + pts(2022, {"A": 100, "B": 55})
    trend = next(t for t in gap_report(points=points, direction="higher").trends if t.group_name == "B")
    assert (trend.first_gap, trend.last_gap) == (D(50), D(45))
    assert trend.trend == NARROWING and trend.since_previous == WIDENING


def test_gaps_a_year_with_one_group_has_no_gap_against_the_best():
    points = pts(2019, {"Black": 31}, total=50) + pts(2020, {"Black": 30, "White": 70}) + pts(2021, {"White": 72})
    report = gap_report(points=points, direction="higher")
    assert [y.year for y in report.years] == [2020]
    assert [(s.year, s.reason) for s in report.skipped] == [(2019, ONE_GROUP), (2021, ONE_GROUP)]
    assert "never compared with itself" in report.skipped[0].reason_label
    assert [p.group_name for p in report.skipped[0].points] == ["Black", "All residents"]  # shown, without a gap
    assert [entry.year for entry in report.timeline] == [2021, 2020, 2019]  # newest first, skipped years in place
    assert [entry.skipped for entry in report.timeline] == [True, False, True]
    assert report.trends == [] and report.largest_gap_trend is None  # one compared year: no trend
    # Against all residents, 2019 has the total and one group: a real comparison. 2020/2021 have no total.
    total = gap_report(points=points, direction="higher", reference="total")
    assert [(y.year, by_name(y)["Black"].gap) for y in total.years] == [(2019, D(19))]
    assert [(s.year, s.reason) for s in total.skipped] == [(2020, NO_TOTAL), (2021, NO_TOTAL)]


def test_gaps_a_year_with_only_the_total_has_no_gap():
    points = [Point(2020, "all", "All residents", D(5), is_total=True)]
    for reference in ("best", "total"):
        report = gap_report(points=points, direction="higher", reference=reference)
        assert report.years == [] and [(s.year, s.reason) for s in report.skipped] == [(2020, NO_GROUPS)]
        assert isinstance(report.timeline[0], SkippedYear) and report.latest is None


def test_gaps_margin_of_error_census_test_by_hand():
    # Hand check: d = 4, MOEs 3 and 2 -> SE 1.8237 and 1.2158, sqrt(SE1² + SE2²) = 2.1918, Z = 1.825 > 1.645.
    assert is_significant(difference=D(4), moe_a=D(3), moe_b=D(2)) is True
    # d = 3.5: Z = 3.5 / 2.1918 = 1.597 <= 1.645: not significant. Same as |d| <= sqrt(3² + 2²) = 3.606.
    assert is_significant(difference=D("3.5"), moe_a=D(3), moe_b=D(2)) is False
    assert is_significant(difference=D("-3.5"), moe_a=D(3), moe_b=D(2)) is False  # the sign does not matter
    assert is_significant(difference=D("-3.7"), moe_a=D(3), moe_b=D(2)) is True
    assert difference_moe(moe_a=D(3), moe_b=D(4)) == D(5)
    assert is_significant(difference=D(4), moe_a=None, moe_b=D(2)) is None
    assert is_significant(difference=D(4), moe_a=D(3), moe_b=None) is None
    assert is_significant(difference=D(0), moe_a=D(0), moe_b=D(0)) is False  # exact counts: only a real difference
    assert is_significant(difference=D("0.1"), moe_a=D(0), moe_b=D(0)) is True


def test_gaps_rows_carry_significance_against_each_reference():
    # ACS-style homeownership with margins: Black 42 ± 3, Asian 58 ± 4, White 61 ± 1.5, all residents 57 ± 1.
    points = pts(2022, {"Black": (42, 3), "Asian": (58, 4), "White": (61, "1.5")}, total=(57, 1))
    best = by_name(gap_report(points=points, direction="higher").years[0])
    assert (best["Black"].gap, best["Black"].significant) == (D(19), True)  # 19 > sqrt(9 + 2.25) = 3.35
    assert (best["Asian"].gap, best["Asian"].significant) == (D(3), False)  # 3 <= sqrt(16 + 2.25) = 4.27
    assert best["Asian"].not_significant and not best["Black"].not_significant
    assert best["White"].significant is None and best["White"].is_reference  # the reference is not tested
    total = gap_report(points=points, direction="higher", reference="total")
    rows = by_name(total.years[0])
    assert (rows["Asian"].gap, rows["Asian"].significant) == (D(-1), False)  # |57 - 58| <= sqrt(16 + 1)
    assert (rows["White"].gap, rows["White"].significant) == (D(-4), True)  # 4 > sqrt(2.25 + 1) = 1.80
    assert rows["White"].gap_moe == D("3.25").sqrt()
    assert total.any_not_significant and total.years[0].reference_moe == D(1)


def test_gaps_without_margins_have_no_significance():
    report = gap_report(points=HOMEOWNERSHIP, direction="higher", reference="total")
    assert all(row.significant is None and row.gap_moe is None for y in report.years for row in y.rows)
    assert not report.any_not_significant
    # A margin on the group only: nothing to test against.
    one_sided = pts(2020, {"A": (10, 2), "B": 20})
    assert all(r.significant is None for r in gap_report(points=one_sided, direction="higher").years[0].rows)


def test_gaps_edge_cases():
    assert ratio(value=D(5), reference=D(0)) is None
    assert signed_gap(value=D(10), reference=D(5), direction="higher") == D(-5)
    assert signed_gap(value=D(10), reference=D(5), direction="lower") == D(5)
    single = gap_report(points=pts(2020, {"A": 1, "B": 2}), direction="higher")
    assert single.trends == [] and single.largest_gap_trend is None
    assert gap_report(points=pts(2020, {"A": 1}), direction="higher", reference="total").years == []
    same = gap_report(points=pts(2020, {"A": 5, "B": 5}) + pts(2021, {"A": 5, "B": 5}), direction="lower")
    assert same.years[0].reference_name == "A"  # ties go to the first group
    assert same.largest_gap_trend == UNCHANGED
    assert gap_report(points=[], direction="higher").timeline == []
    with pytest.raises(ValueError):
        gap_report(points=[], direction="sideways")
    with pytest.raises(ValueError):
        gap_report(points=[], direction="higher", reference="median")
