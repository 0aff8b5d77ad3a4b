"""Plain SVG charts for the PDF reports: the same lines, colours and legend as the screen charts (plans.charts),
drawn as a few dozen elements without pygal's stylesheet, classes, ids, tooltips or hidden text.

WeasyPrint draws inline SVG itself, and a pygal chart (about 330 elements under a 10 KB stylesheet of selectors)
cost the plan report a quarter of its layout time (docs/performance/2026-12-05-pdf.md, ADR 0068). These charts
carry no ids, so any number of them fit in one document; each is `role="img"` with a `<title>`, which WeasyPrint
writes as the Figure's alternate text in the tagged PDF. The figures are always in a table beside the chart.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from plans.charts import DASHED, DOTTED, REFERENCE_LINE_COLOUR
from plans.gaps import Point
from plans.numbers import format_value, places_of
from plans.projections import Forecast

WIDTH = 800
LEFT, RIGHT, TOP, PLOT_HEIGHT = 70, 20, 30, 250
FONT = 'font-family="Liberation Sans, sans-serif" font-size="13" fill="#212529"'
GRID = "#dee2e6"
Y_TICKS = 5
MAX_YEAR_LABELS = 12

# (legend title or None, {year: value}, colour, dash pattern or "", show dots)
Series = tuple[str | None, dict[int, float], str, str, bool]


class LegendEntry(NamedTuple):
    """A legend line, written as text under the chart (SVG text costs WeasyPrint a drawing per letter)."""

    title: str
    colour: str
    line: str  # a CSS border style: solid, dashed or dotted


class PrintChart(NamedTuple):
    svg: str
    legend: list[LegendEntry]


def _svg(title: str, height: int, body: list[str]) -> str:
    return (
        f'<svg role="img" focusable="false" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _text(x: float, y: float, label: str, anchor: str = "start") -> str:
    return f'<text x="{x:.0f}" y="{y:.0f}" text-anchor="{anchor}" {FONT}>{escape(label)}</text>'


def _dash(style: Mapping[str, object]) -> str:
    return str(style["dasharray"]).replace(" ", "")


def _scale(values: Iterable[float]) -> tuple[float, float, float]:
    """A y range from 0 (or below the lowest value when it is below 0) to a round number above the highest value,
    and the round step between its about 5 labels."""
    known = list(values)
    low, high = min([0.0, *known]), max([0.0, *known])
    if high == low:
        high = low + 1
    step = _nice((high - low) / Y_TICKS)
    return step * (low // step), step * -(-high // step), step


def _nice(raw: float) -> float:
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def line_chart(*, title: str, years: list[int], series: Sequence[Series], places: int, y_title: str) -> PrintChart:
    """Lines over the years (a missing year breaks a line), a y axis of about 6 labels, at most 12 year labels,
    and the legend of the titled series (for the page to write under the chart)."""
    low, high, step = _scale(v for _t, values, *_rest in series for v in values.values())
    right = WIDTH - RIGHT
    slot = (right - LEFT) / max(len(years) - 1, 1)

    def x(year: int) -> float:
        return LEFT + slot * years.index(year) if len(years) > 1 else (LEFT + right) / 2

    def y(value: float) -> float:
        return TOP + PLOT_HEIGHT * (high - value) / (high - low)

    body = []
    for n in range(round((high - low) / step) + 1):
        value = low + step * n
        body.append(f'<path d="M{LEFT} {y(value):.1f}H{right}" stroke="{GRID}"/>')
        body.append(_text(LEFT - 6, y(value) + 4, format_value(value, places), "end"))
    every = -(-len(years) // MAX_YEAR_LABELS)
    base = TOP + PLOT_HEIGHT
    body += [_text(x(year), base + 18, str(year), "middle") for year in years[::every]]
    body.append(_text((LEFT + right) / 2, base + 38, _("Year"), "middle"))
    if y_title:
        body.append(_text(LEFT, TOP - 2, y_title))
    for _title, values, colour, dash, dots in series:
        runs: list[list[int]] = []
        for year in years:
            if year in values:
                if runs and years.index(year) - years.index(runs[-1][-1]) == 1:
                    runs[-1].append(year)
                else:
                    runs.append([year])
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        path = "".join(
            "M" + "L".join(f"{x(year):.1f} {y(values[year]):.1f}" for year in run) for run in runs if len(run) > 1
        )
        if path:
            body.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2"{dashes}/>')
        if dots or not path:
            body += [
                f'<circle cx="{x(year):.1f}" cy="{y(values[year]):.1f}" r="3.5" fill="{colour}"/>'
                for run in runs
                for year in run
            ]
    lines = {"": "solid", _dash(DASHED): "dashed", _dash(DOTTED): "dotted"}
    legend = [LegendEntry(t, colour, lines.get(dash, "dashed")) for t, _v, colour, dash, _d in series if t]
    return PrintChart(_svg(title, base + 46, body), legend)


def indicator_print_svg(
    *, indicator, data: Iterable[Point], colours: Mapping[object, str], forecasts: Sequence[Forecast] = ()
) -> PrintChart:
    """The indicator chart of plans.charts.indicator_chart_svg, for print: each group's values, its trend if
    nothing changes (dashed, same colour), the baseline (dotted) and the target (a point)."""
    points = list(data)
    forecast_years = [year for f in forecasts for year, _v in f.points]
    known = [p.year for p in points] + [indicator.baseline_year, indicator.target_year] + forecast_years
    years = [y for y in known if y]
    span = list(range(min(years), max(years) + 1)) if years else []
    names: dict[object, str] = {}
    values: dict[object, dict[int, float]] = {}
    for point in points:
        names.setdefault(point.group_key, point.group_name)
        values.setdefault(point.group_key, {})[point.year] = float(point.value)
    series: list[Series] = [
        (str(name), values[key], colours.get(key, REFERENCE_LINE_COLOUR), "", True) for key, name in names.items()
    ]
    dashed = _dash(DASHED)
    for forecast in forecasts:
        line = {year: float(value) for year, value in forecast.points}
        series.append((None, line, colours.get(forecast.group_key, REFERENCE_LINE_COLOUR), dashed, False))
    if forecasts:
        series.append((_("Dashed: the trend if nothing changes"), {}, REFERENCE_LINE_COLOUR, dashed, False))
    if indicator.baseline_value is not None and span:
        label = (_("Baseline %(year)s") % {"year": indicator.baseline_year or ""}).strip()
        line = dict.fromkeys(span, float(indicator.baseline_value))
        series.append((label, line, REFERENCE_LINE_COLOUR, _dash(DOTTED), False))
    if indicator.target_value is not None and indicator.target_year:
        label = _("Target %(year)s") % {"year": indicator.target_year}
        series.append((label, {indicator.target_year: float(indicator.target_value)}, REFERENCE_LINE_COLOUR, "", True))
    if not points:
        series.append((_("No data yet"), {}, REFERENCE_LINE_COLOUR, "", False))
    return line_chart(
        title=indicator.name, years=span, series=series, places=places_of(indicator), y_title=indicator.unit or ""
    )


def status_print_svg(*, title: str, counts: Mapping[str, int]) -> str:
    """Horizontal bars of how many actions are in each status (label → count), each bar labelled with its count."""
    most = max([1, *counts.values()])
    label_width, row = 220, 30
    body = []
    for n, (label, count) in enumerate(counts.items()):
        top = 8 + n * row
        width = (WIDTH - label_width - 60) * count / most
        body.append(_text(label_width - 8, top + 17, str(label), "end"))
        body.append(f'<path d="M{label_width} {top + 4}h{width:.1f}v18h{-width:.1f}z" fill="#0072B2"/>')
        body.append(_text(label_width + width + 6, top + 17, str(count)))
    return _svg(title, 16 + row * len(counts), body)
