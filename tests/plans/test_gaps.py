"""The gap computation, with numbers checked by hand."""

from decimal import Decimal as D

import pytest

from plans.gaps import NARROWING, UNCHANGED, WIDENING, Point, gap_report, ratio, shortfall


def pts(year, values, total=None):
    out = [Point(year, name, name, D(str(v))) for name, v in values.items()]
    if total is not None:
        out.append(Point(year, "all", "All residents", D(str(total)), is_total=True))
    return out


HOMEOWNERSHIP = pts(2020, {"White": 74, "Black": 24, "Hispanic": 38}, total=68) + pts(
    2024, {"White": 75, "Black": 30, "Hispanic": 50}, total=70
)


def test_gaps_higher_is_better_against_best_group():
    report = gap_report(points=HOMEOWNERSHIP, direction="higher")
    first = report.years[0]
    assert (first.year, first.reference_name, first.reference_value) == (2020, "White", D(74))
    rows = {r.group_name: r for r in first.rows}
    # Black: 74 - 24 = 50 behind; 24 / 74 = 0.324... -> 0.32
    assert (rows["Black"].gap, rows["Black"].ratio) == (D(50), D("0.32"))
    # Hispanic: 74 - 38 = 36; 38 / 74 = 0.5135 -> 0.51
    assert (rows["Hispanic"].gap, rows["Hispanic"].ratio) == (D(36), D("0.51"))
    assert rows["White"].is_reference and rows["White"].gap == 0 and rows["White"].ratio == D("1.00")
    assert [r.group_name for r in first.rows] == ["Black", "Hispanic", "White"]  # worst gap first
    assert "All residents" not in rows  # the total is never a group in the table


def test_gaps_trend_narrowing_with_hand_checked_change():
    report = gap_report(points=HOMEOWNERSHIP, direction="higher")
    latest = {r.group_name: r for r in report.latest.rows}
    assert latest["Black"].gap == D(45)  # 75 - 30
    assert latest["Black"].ratio == D("0.40")  # 30 / 75
    trends = {t.group_name: t for t in report.trends}
    assert (trends["Black"].first_gap, trends["Black"].last_gap, trends["Black"].change) == (D(50), D(45), D(-5))
    assert trends["Black"].trend == NARROWING
    assert trends["Hispanic"].change == D(-11)  # 36 -> 25
    assert report.largest_gap_trend == NARROWING  # 50 -> 45


def test_gaps_against_the_overall_value():
    report = gap_report(points=HOMEOWNERSHIP, direction="higher", reference="total")
    first = {r.group_name: r for r in report.years[0].rows}
    assert report.years[0].reference_name == "All residents"
    assert (first["Black"].gap, first["Black"].ratio) == (D(44), D("0.35"))  # 68 - 24; 24 / 68 = 0.3529
    assert (first["White"].gap, first["White"].ratio) == (D(0), D("1.09"))  # ahead of the total: no gap


def test_gaps_lower_is_better_and_widening():
    points = pts(2020, {"White": 8, "Black": 30}) + pts(2021, {"White": 6, "Black": 30})
    report = gap_report(points=points, direction="lower")
    first = {r.group_name: r for r in report.years[0].rows}
    assert report.years[0].reference_name == "White"
    assert (first["Black"].gap, first["Black"].ratio) == (D(22), D("3.75"))  # 30 - 8; 30 / 8
    trend = report.trends[0]
    assert (trend.group_name, trend.last_gap, trend.trend) == ("Black", D(24), WIDENING)


def test_gaps_since_previous_year_can_differ_from_overall_trend():
    points = pts(2020, {"A": 100, "B": 50}) + pts(2021, {"A": 100, "B": 60}) + pts(2022, {"A": 100, "B": 55})
    trend = next(t for t in gap_report(points=points, direction="higher").trends if t.group_name == "B")
    assert (trend.first_gap, trend.last_gap) == (D(50), D(45))
    assert trend.trend == NARROWING and trend.since_previous == WIDENING


def test_gaps_edge_cases():
    assert ratio(value=D(5), reference=D(0)) is None
    assert shortfall(value=D(10), reference=D(5), direction="higher") == 0
    single = gap_report(points=pts(2020, {"A": 1, "B": 2}), direction="higher")
    assert single.trends == [] and single.largest_gap_trend is None
    assert gap_report(points=[Point(2020, "all", "All", D(5), is_total=True)], direction="higher").years == []
    assert gap_report(points=pts(2020, {"A": 1}), direction="higher", reference="total").years == []
    same = gap_report(points=pts(2020, {"A": 5, "B": 5}) + pts(2021, {"A": 5, "B": 5}), direction="lower")
    assert same.years[0].reference_name == "A"  # ties go to the first group
    assert same.largest_gap_trend == UNCHANGED
    with pytest.raises(ValueError):
        gap_report(points=[], direction="sideways")
