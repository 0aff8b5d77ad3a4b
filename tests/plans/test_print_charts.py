"""The PDF report's plain SVG charts: the screen chart's series and legend in a few dozen elements, no ids."""

import xml.etree.ElementTree as ET
from decimal import Decimal
from types import SimpleNamespace

from plans import print_charts
from plans.gaps import Point
from plans.projections import Forecast

SVG = "{http://www.w3.org/2000/svg}"


def _indicator(**overrides):
    figures = dict(name="Homeownership rate", unit="%", baseline_value=Decimal(50), baseline_year=2020,
                   target_value=Decimal(70), target_year=2026, decimal_places=1)  # fmt: skip
    return SimpleNamespace(**(figures | overrides))


def _points():
    values = {("black", "Black"): {2020: 40, 2021: 42, 2023: 45}, ("white", "White"): {2020: 70, 2021: 71, 2023: 72}}
    return [
        Point(year=year, group_key=key, group_name=name, value=Decimal(value))
        for (key, name), by_year in values.items()
        for year, value in by_year.items()
    ]


def test_indicator_print_chart_is_small_titled_without_ids_and_gives_its_legend_as_text():
    forecast = Forecast(group_key="black", group_name="Black", is_total=False, rate=Decimal(2),
                        points=[(y, Decimal(45 + 2 * (y - 2023))) for y in range(2023, 2027)])  # fmt: skip
    chart = print_charts.indicator_print_svg(
        indicator=_indicator(), data=_points(), colours={"black": "#D55E00", "white": "#0072B2"}, forecasts=[forecast]
    )
    root = ET.fromstring(chart.svg)
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == "Homeownership rate"
    elements = list(root.iter())
    assert len(elements) < 80 and not [e for e in elements if e.get("id") or e.get("class")]
    assert not root.findall(f".//{SVG}style")
    assert [(e.title, e.colour, e.line) for e in chart.legend] == [
        ("Black", "#D55E00", "solid"),
        ("White", "#0072B2", "solid"),
        ("Dashed: the trend if nothing changes", print_charts.REFERENCE_LINE_COLOUR, "dashed"),
        ("Baseline 2020", print_charts.REFERENCE_LINE_COLOUR, "dotted"),
        ("Target 2026", print_charts.REFERENCE_LINE_COLOUR, "solid"),
    ]
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert {"2020", "2026", "Year", "%", "0.0", "80.0"} <= set(labels)
    # 2022 has no data: each group's line breaks there; the dots stay on every known year, the trend has none.
    black = [p.get("d") for p in root.iter(f"{SVG}path") if p.get("stroke") == "#D55E00" and p.get("fill") == "none"]
    assert black[0].count("M") == 1  # 2020-2021 is one run, 2023 alone is a dot only
    assert len([c for c in root.iter(f"{SVG}circle") if c.get("fill") == "#D55E00"]) == 3


def test_indicator_print_chart_without_data_says_so():
    chart = print_charts.indicator_print_svg(
        indicator=_indicator(baseline_value=None, target_value=None), data=[], colours={}
    )
    assert [e.title for e in chart.legend] == ["No data yet"]
    ET.fromstring(chart.svg)


def test_status_print_chart_labels_every_status_with_its_count():
    svg = print_charts.status_print_svg(title="Actions by status", counts={"On track": 3, "At risk": 0})
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == "Actions by status"
    assert [t.text for t in root.iter(f"{SVG}text")] == ["On track", "3", "At risk", "0"]
