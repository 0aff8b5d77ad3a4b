"""Years to close a gap and the "do nothing different" trend line, with numbers checked by hand."""

from decimal import Decimal as D

from plans.gaps import Point, gap_report
from plans.numbers import format_value, places_of
from plans.projections import (
    CLOSING,
    NO_GAP,
    NOT_CLOSING,
    TOO_FEW_YEARS,
    forecast_end_year,
    gap_projections,
    slope,
    value_forecasts,
)

# A is the best-off group every year (80), so each gap is 80 - value.
VALUES = {
    "A": {2018: 80, 2019: 80, 2020: 80, 2021: 80},
    "B": {2018: 60, 2019: 62, 2020: 63, 2021: 67},  # gaps 20, 18, 17, 13: closing
    "C": {2018: 70, 2019: 69, 2020: 69, 2021: 65},  # gaps 10, 11, 11, 15: widening
    "D": {2018: 75, 2019: 75, 2020: 75, 2021: 75},  # gap 5 every year: flat
    "E": {2021: 50},  # one year only
}
POINTS = [Point(year, key, key, D(value)) for key, years in VALUES.items() for year, value in years.items()]


def projections():
    return {p.group_name: p for p in gap_projections(report=gap_report(points=POINTS, direction="higher"))}


def test_slope_is_least_squares():
    # x̄ = 2019.5, ȳ = 17; Σdx·dy = (-1.5)(3) + (-0.5)(1) + (0.5)(0) + (1.5)(-4) = -11; Σdx² = 5 -> -2.2
    assert slope([(2018, D(20)), (2019, D(18)), (2020, D(17)), (2021, D(13))]) == D("-2.2")
    assert slope([(2020, D(5))]) is None
    assert slope([(2020, D(5)), (2020, D(7))]) is None  # one distinct year: no rate


def test_years_to_close_at_the_least_squares_rate():
    b = projections()["B"]
    # 13 / 2.2 = 5.909 years (first -> last would say 13 / 2.333 = 5.6: the method matters).
    assert (b.last_year, b.last_gap, b.rate, b.status) == (2021, D(13), D("-2.2"), CLOSING)
    assert (b.years_to_close, b.close_year) == (D("5.9"), 2027)  # 2021 + ceil(5.909)
    assert b.status_label == "Closing at the current rate"


def test_years_to_close_is_none_when_widening_flat_or_no_gap():
    p = projections()
    assert (p["C"].status, p["C"].years_to_close, p["C"].close_year) == (NOT_CLOSING, None, None)
    assert p["C"].rate == D("1.5")  # gaps 10, 11, 11, 15: ȳ = 11.75, Σdx·dy = 7.5, / 5
    assert (p["D"].status, p["D"].rate, p["D"].years_to_close) == (NOT_CLOSING, D(0), None)
    assert (p["A"].status, p["A"].years_to_close) == (NO_GAP, None)  # the best-off group has nothing to close
    assert p["C"].status_label == "Not closing at the current rate"


def test_years_to_close_needs_two_years():
    # E has a gap only in 2021 (30), so no rate.
    e = projections()["E"]
    assert (e.last_gap, e.rate, e.status, e.years_to_close) == (D(30), None, TOO_FEW_YEARS, None)


def test_years_to_close_against_all_residents_ignores_groups_ahead():
    points = [
        Point(2020, "all", "All", D(50), is_total=True),
        Point(2021, "all", "All", D(50), is_total=True),
        Point(2020, "X", "X", D(60)),
        Point(2021, "X", "X", D(58)),
        Point(2020, "Y", "Y", D(40)),
        Point(2021, "Y", "Y", D(44)),
    ]
    report = gap_report(points=points, direction="higher", reference="total")
    p = {x.group_name: x for x in gap_projections(report=report)}
    assert (p["X"].last_gap, p["X"].status) == (D(-8), NO_GAP)  # ahead of the average: nothing to close
    assert (p["Y"].last_gap, p["Y"].rate, p["Y"].years_to_close, p["Y"].close_year) == (D(6), D(-4), D("1.5"), 2023)


def test_forecast_carries_the_latest_value_forward_at_the_trend():
    forecasts = {f.group_name: f for f in value_forecasts(points=POINTS, end_year=2024)}
    b = forecasts["B"]
    assert b.rate == D("2.2")  # 60, 62, 63, 67
    assert b.points == [(2021, D(67)), (2022, D("69.2")), (2023, D("71.4")), (2024, D("73.6"))]
    assert b.end == (2024, D("73.6"))
    assert forecasts["D"].points[-1] == (2024, D(75))  # flat stays flat
    assert "E" not in forecasts  # one year: no trend to draw
    assert list(forecasts) == ["A", "B", "C", "D"]  # the order series first appear in
    assert value_forecasts(points=POINTS, end_year=2021) == []  # nothing ahead to draw


def test_forecast_end_year_is_the_target_or_a_few_years_on():
    assert forecast_end_year(points=POINTS, target_year=2030) == 2030
    assert forecast_end_year(points=POINTS, target_year=None) == 2026
    assert forecast_end_year(points=POINTS, target_year=2019) == 2026  # a target already passed
    assert forecast_end_year(points=POINTS, target_year=None, horizon=2) == 2023


def test_format_value_with_decimal_places():
    assert format_value(D("12.345"), 1) == "12.3"
    assert format_value(D("12.35"), 1) == "12.4"  # half up, not banker's rounding
    assert format_value(D("12.25"), 1) == "12.3"
    assert format_value(D(7), 2) == "7.00"
    assert format_value(D("1234.5"), 0) == "1235"
    assert format_value(D("-0.04"), 1) == "0.0"  # never "-0.0"
    assert format_value(D("-2.5"), 1) == "-2.5"
    assert format_value(D("2.5"), 1, signed=True) == "+2.5"
    assert format_value(D(0), 1, signed=True) == "0.0"
    assert format_value(None, 1) == "—"
    assert format_value(D("3.14159"), None) == "3.1"  # no places set: the default, 1


class _Indicator:
    decimal_places = 0


def test_places_of_reads_the_indicator_or_defaults_to_one():
    assert places_of(_Indicator()) == 0
    assert places_of(object()) == 1
