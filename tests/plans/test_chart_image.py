"""Charts of the plans app: what they draw (colours by group, breaks, titles, legends, trend lines, significance),
and the plan page loading indicator charts as lazy SVG images instead of rendering each chart into the page."""

import html
import re
from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.urls import reverse

from plans import charts
from plans.gaps import Point, gap_report
from plans.projections import value_forecasts

pytestmark = pytest.mark.django_db


def test_indicator_chart_is_an_svg_image_linked_lazily_from_the_plan_page(client, personas, world):
    client.force_login(personas.staff)
    chart_url = reverse("plans:indicator_chart", args=[world.indicator.pk])
    page = client.get(reverse("plans:plan_detail", args=[world.plan.pk])).content.decode()
    assert f'src="{chart_url}" loading="lazy"' in page and "alt=" in page
    response = client.get(chart_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert response.content.lstrip().startswith(b"<?xml") or b"<svg" in response.content[:500]


def test_indicator_chart_is_drawn_again_when_its_target_changes(client, personas, world):
    from plans.services.indicators import indicator_update

    client.force_login(personas.equity)
    chart_url = reverse("plans:indicator_chart", args=[world.indicator.pk])
    before = client.get(chart_url).content
    assert client.get(chart_url).content == before
    indicator = world.indicator
    indicator_update(
        author=personas.equity, indicator=indicator, version=None, target_value=(indicator.target_value or 0) + 7
    )
    after = client.get(chart_url).content
    assert after != before


# --- The drawing itself (pure: no database) -------------------------------------------------------------------


def _series(svg: str) -> dict[int, dict]:
    """Each pygal series of an SVG by index: its colour, legend text (None when it has no entry), dashes, paths."""
    colours = {int(i): c.upper() for i, c in re.findall(r"\.color-(\d+),[^{]*\{stroke:(#[0-9A-Fa-f]{6})", svg)}
    entry = r'<g class="legend reactive activate-serie"><rect[^>]*class="color-(\d+) reactive"/><text[^>]*>([^<]*)<'
    legend = {int(i): html.unescape(t) for i, t in re.findall(entry, svg)}
    dashes = {int(i): d for i, d in re.findall(r"\.serie-(\d+)\{[^}]*stroke-dasharray:([^;}]+)", svg)}
    paths: dict[int, int] = {}  # a series has a group in the plot (its lines) and one in the overlay (its dots)
    for i, body in re.findall(r'<g class="series serie-(\d+) color-\d+"(?:/>|>(.*?)</g>)', svg, re.DOTALL):
        paths[int(i)] = paths.get(int(i), 0) + body.count("<path")
    return {
        i: {"colour": colours.get(i), "legend": legend.get(i), "dashes": dashes.get(i), "paths": paths.get(i, 0)}
        for i in colours
    }


def _by_legend(svg: str) -> dict[str, dict]:
    return {s["legend"]: s for s in _series(svg).values() if s["legend"]}


ALL_GROUPS = [("all", True), ("aian", False), ("asian", False), ("black", False), ("hisp", False), ("nhpi", False)]
NAMES = {
    "all": "All residents",
    "aian": "American Indian or Alaska Native",
    "asian": "Asian",
    "black": "Black or African American",
    "hisp": "Hispanic or Latino (any race)",
    "nhpi": "Native Hawaiian or Other Pacific Islander",
}


def _points(values: dict[str, dict[int, object]]) -> list[Point]:
    return [
        Point(
            year,
            key,
            NAMES[key],
            D(str(v[0] if isinstance(v, tuple) else v)),
            key == "all",
            D(str(v[1])) if isinstance(v, tuple) else None,
        )
        for key, years in values.items()
        for year, v in years.items()
    ]


def _indicator(**overrides):
    fields = {
        "name": "Third grade reading proficiency, Minneapolis Public Schools",
        "unit": "%",
        "baseline_value": None,
        "baseline_year": None,
        "target_value": None,
        "target_year": None,
    }
    return SimpleNamespace(**{**fields, **overrides})


def test_group_colours_depend_on_the_list_of_groups_only():
    colours = charts.group_colours(ALL_GROUPS)
    assert colours["all"] == charts.TOTAL_COLOUR
    assert [colours[k] for k in ("aian", "asian", "black")] == list(charts.GROUP_PALETTE[:3])
    many = charts.group_colours([(n, False) for n in range(len(charts.GROUP_PALETTE) + 2)])
    assert many[len(charts.GROUP_PALETTE)] == charts.GROUP_PALETTE[0]  # cycles after the last colour
    assert (
        len(set(charts.GROUP_PALETTE)) == len(charts.GROUP_PALETTE) and charts.TOTAL_COLOUR not in charts.GROUP_PALETTE
    )


def _contrast_on_white(colour: str) -> float:
    def channel(byte: int) -> float:
        c = byte / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def test_group_palette_has_3_to_1_contrast_on_white():
    for colour in (*charts.GROUP_PALETTE, charts.TOTAL_COLOUR, charts.REFERENCE_LINE_COLOUR):
        assert _contrast_on_white(colour) >= 3, colour


def test_indicator_chart_keeps_each_groups_colour_whatever_series_are_drawn():
    colours = charts.group_colours(ALL_GROUPS)
    full = _points({"all": {2020: 50}, "aian": {2020: 30}, "asian": {2020: 60}, "black": {2020: 35}})
    subset = _points({"black": {2020: 35}, "hisp": {2020: 41}})  # Black is the first series here
    one = _by_legend(charts.indicator_chart_svg(indicator=_indicator(), data=full, colours=colours))
    two = _by_legend(charts.indicator_chart_svg(indicator=_indicator(), data=subset, colours=colours))
    assert one["Black or African American"]["colour"] == two["Black or African American"]["colour"] == "#009E73"
    assert one["All residents"]["colour"] == "#000000"
    assert two["Hispanic or Latino (any race)"]["colour"] == charts.GROUP_PALETTE[3].upper()
    report = gap_report(points=full + _points({"black": {2021: 40}, "asian": {2021: 61}}), direction="higher")
    gaps = _by_legend(charts.gap_chart_svg(title="Gaps", report=report, colours=colours))
    assert gaps["Black or African American"]["colour"] == "#009E73"  # and the same in the gap chart


def test_indicator_chart_title_is_the_name_and_legend_is_whole():
    data = _points({"nhpi": {2020: 20, 2021: 22}, "black": {2020: 35}})
    svg = charts.indicator_chart_svg(indicator=_indicator(), data=data, colours=charts.group_colours(ALL_GROUPS))
    name = "Third grade reading proficiency, Minneapolis Public Schools"
    assert f"<title>{name}</title>" in svg
    assert re.search(rf'<text[^>]*class="title plot_title"[^>]*>{name}</text>', svg)  # drawn as the title...
    assert re.search(r'class="title" transform="rotate\(-90[^>]*>%</text>', svg)  # ...and the y axis only "%"
    assert "Native Hawaiian or Other Pacific Islander" in _by_legend(svg)  # not cut to "Native Hawaiian o…"
    assert "…" not in svg


def test_indicator_chart_breaks_the_line_at_a_missing_year():
    data = _points({"black": {2014: 30, 2015: 33, 2017: 38, 2018: 40}})
    svg = charts.indicator_chart_svg(indicator=_indicator(), data=data, colours=charts.group_colours(ALL_GROUPS))
    assert ">2016<" in svg  # the missing year keeps its place on the axis
    assert _by_legend(svg)["Black or African American"]["paths"] == 2  # 2014-2015 and 2017-2018, nothing across


def test_indicator_chart_draws_the_trend_dashed_in_the_groups_colour():
    data = _points({"all": {2020: 50, 2021: 52}, "black": {2020: 30, 2021: 33}})
    ind = _indicator(baseline_value=D(50), baseline_year=2020, target_value=D(60), target_year=2024)
    forecasts = value_forecasts(points=data, end_year=2024)
    svg = charts.indicator_chart_svg(
        indicator=ind, data=data, colours=charts.group_colours(ALL_GROUPS), forecasts=forecasts
    )
    series = list(_series(svg).values())
    dashed = [s for s in series if s["dashes"] == "6,4" and s["legend"] is None]
    assert sorted(s["colour"] for s in dashed) == ["#000000", "#009E73"]  # one per group, in its own colour
    legend = _by_legend(svg)
    assert legend["Black or African American"]["dashes"] is None  # the data itself is solid
    assert "Dashed: the trend if nothing changes" in legend
    assert legend["Baseline 2020"]["dashes"] == "2,4" and "Target 2024" in legend
    assert ">2024<" in svg  # the axis reaches the end of the trend


def test_gap_chart_marks_non_significant_gaps():
    data = _points({"all": {2022: (57, 1)}, "black": {2022: (42, 3)}, "asian": {2022: (58, 4)}})
    report = gap_report(points=data, direction="higher", reference="total")
    svg = charts.gap_chart_svg(title="Homeownership gap", report=report, colours=charts.group_colours(ALL_GROUPS))
    assert svg.count(">not significant<") == 1  # Asian (-1, within 4.1); Black's 15 is significant
    assert "fill: white" in svg and ">Hollow marker: not significant at 90 % confidence<" in svg
    assert "All residents (reference)" in _by_legend(svg)
    plain = gap_report(points=_points({"all": {2022: 57}, "black": {2022: 42}}), direction="higher", reference="total")
    plain_svg = charts.gap_chart_svg(title="Homeownership gap", report=plain, colours={})
    assert "not significant" not in plain_svg and "fill: white" not in plain_svg


def test_charts_are_drawn_again_when_colours_change():
    data = _points({"black": {2020: 35}})
    first = charts.indicator_chart_svg(indicator=_indicator(), data=data, colours={"black": "#D55E00"})
    second = charts.indicator_chart_svg(indicator=_indicator(), data=data, colours={"black": "#0072B2"})
    assert "#D55E00" in first and "#0072B2" in second and "#D55E00" not in second
