"""SVG charts of the plans app (pygal via equity.charts), free of request objects so PDF reports reuse them.

Every group keeps one colour in every chart, page and PDF: `group_colours` gives it by the group's place in the
whole ordered list of groups (not by which series a chart happens to draw), "all residents" is always black, and
a group's "do nothing different" trend is the same colour, dashed. Charts always sit beside a table of their
figures, so colour is never the only way to read them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import pygal
from django.utils.translation import gettext as _

from equity.charts import chart_config, drawn_once, legend_below, render_svg
from plans.gaps import REFERENCE_TOTAL, GapReport, Point
from plans.numbers import DEFAULT_PLACES, format_value, places_of
from plans.projections import Forecast

# Okabe-Ito hues, the lighter ones (orange, sky blue, yellow) darkened so every line has 3:1 contrast on white,
# then two more distinct colours for the ninth and tenth groups. Black is kept for "all residents".
GROUP_PALETTE = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#B07800",  # orange, darkened
    "#3A8DC7",  # sky blue, darkened
    "#8A6D00",  # yellow, darkened
    "#7A5195",  # violet
    "#6F6F6F",  # grey
)
TOTAL_COLOUR = "#000000"
REFERENCE_LINE_COLOUR = "#595959"  # baseline and target: neither a group nor the total
DASHED = {"dasharray": "6, 4", "width": 2}
DOTTED = {"dasharray": "2, 4", "width": 2}
LINE = {"width": 2}
HOLLOW = "fill: white; stroke-width: 2"
# Above this many years the x axis labels every few years (all years still have a slot, so gaps stay gaps).
YEAR_LABELS_ALL_UP_TO = 14


def group_colours(groups: Iterable[tuple[object, bool]]) -> dict[object, str]:
    """Each group's colour from (key, is_total) pairs in the groups' canonical order (sort order, name, id).

    The nth group that is not a total gets the nth palette colour (cycling after the last), totals get black, so a
    group's colour depends on the list of groups only, never on the series of one chart."""
    colours: dict[object, str] = {}
    n = 0
    for key, is_total in groups:
        if is_total:
            colours[key] = TOTAL_COLOUR
        else:
            colours[key] = GROUP_PALETTE[n % len(GROUP_PALETTE)]
            n += 1
    return colours


def _colour(colours: Mapping[object, str], key: object) -> str:
    return colours.get(key, REFERENCE_LINE_COLOUR)


def _year_axis(chart, years: list[int]) -> None:
    chart.x_labels = [str(y) for y in years]
    if len(years) > YEAR_LABELS_ALL_UP_TO:
        step = 5 if len(years) > 30 else 2
        chart.x_labels_major = [str(y) for y in years if y % step == 0]
        chart.show_minor_x_labels = False


def _formatter(places: int):
    """Axis labels and values with the indicator's decimal places, as the tables beside the chart show them."""
    return lambda value: format_value(value, places)


def _span(years: Iterable[int | None]) -> list[int]:
    """Every year from the first to the last: a year without data keeps its slot, so lines break across it."""
    known = [y for y in years if y]
    return list(range(min(known), max(known) + 1)) if known else []


def indicator_chart_svg(
    *,
    indicator,
    data: Iterable[Point],
    colours: Mapping[object, str],
    forecasts: Sequence[Forecast] = (),
) -> str:
    """Each group's value over the years in its own colour, its "do nothing different" trend dashed in the same
    colour, the baseline dotted and the target as a point; the indicator's name is the title, its unit the axis."""
    points = list(data)
    fields = ("name", "unit", "baseline_value", "baseline_year", "target_value", "target_year")
    figures = (*(getattr(indicator, f) for f in fields), places_of(indicator))
    inputs = (figures, points, sorted(colours.items(), key=repr), list(forecasts))
    return drawn_once(
        "plans:indicator",
        inputs,
        lambda: _draw_indicator(indicator=indicator, points=points, colours=colours, forecasts=list(forecasts)),
    )


def _draw_indicator(*, indicator, points: list[Point], colours: Mapping[object, str], forecasts: list[Forecast]) -> str:
    forecast_years = [year for f in forecasts for year, _v in f.points]
    years = _span([p.year for p in points] + [indicator.baseline_year, indicator.target_year] + forecast_years)
    names: dict[object, str] = {}
    values: dict[object, dict[int, float]] = {}
    for point in points:
        names.setdefault(point.group_key, point.group_name)
        values.setdefault(point.group_key, {})[point.year] = float(point.value)
    series: list[tuple[str | None, list, str, dict]] = []
    for key, name in names.items():
        series.append((str(name), [values[key].get(y) for y in years], _colour(colours, key), {}))
    for forecast in forecasts:
        line = dict(forecast.points)
        series.append(
            (
                None,  # no legend entry of its own: the legend's "trend" entry explains the dashes
                [float(line[y]) if y in line else None for y in years],
                _colour(colours, forecast.group_key),
                {"stroke_style": DASHED, "show_dots": False},
            )
        )
    if forecasts:
        series.append((_("Dashed: the trend if nothing changes"), [], REFERENCE_LINE_COLOUR, {"stroke_style": DASHED}))
    if indicator.baseline_value is not None:
        label = (_("Baseline %(year)s") % {"year": indicator.baseline_year or ""}).strip()
        baseline = [float(indicator.baseline_value)] * len(years)
        series.append((label, baseline, REFERENCE_LINE_COLOUR, {"stroke_style": DOTTED, "show_dots": False}))
    if indicator.target_value is not None and indicator.target_year:
        target = [float(indicator.target_value) if y == indicator.target_year else None for y in years]
        label = _("Target %(year)s") % {"year": indicator.target_year}
        series.append((label, target, REFERENCE_LINE_COLOUR, {"dots_size": 6}))
    if not points:
        series.append((_("No data yet"), [], REFERENCE_LINE_COLOUR, {}))
    titles = [title for title, *_rest in series if title]
    chart = pygal.Line(
        **chart_config(
            colours=[colour for _t, _v, colour, _o in series],
            x_title=_("Year"),
            y_title=indicator.unit or None,
            allow_interruptions=True,
            stroke_style=LINE,
            value_formatter=_formatter(places_of(indicator)),
            **legend_below(titles, series_count=len(series), height=360),
        )
    )
    _year_axis(chart, years)
    for title, line_values, _c, options in series:
        chart.add(title, line_values, **options)
    return render_svg(chart, title=indicator.name)


def gap_chart_svg(*, title: str, report: GapReport, colours: Mapping[object, str], places: int = DEFAULT_PLACES) -> str:
    """Each group's signed gap to the reference over the years (0 = no gap, above 0 = behind); a gap that is not
    statistically significant has a hollow marker, and the axis title says so."""
    inputs = (str(title), report, sorted(colours.items(), key=repr), places)
    return drawn_once(
        "plans:gap", inputs, lambda: _draw_gaps(title=str(title), report=report, colours=colours, places=places)
    )


def _draw_gaps(*, title: str, report: GapReport, colours: Mapping[object, str], places: int) -> str:
    years = _span([gaps.year for gaps in report.years])
    names: dict[object, str] = {}
    cells: dict[object, dict[int, dict]] = {}
    for gaps in report.years:
        for row in gaps.rows:
            names.setdefault(row.group_key, row.group_name)
            cell: dict = {"value": float(row.gap)}
            if row.not_significant:
                cell |= {"style": f"{HOLLOW}; stroke: {_colour(colours, row.group_key)}", "node": {"r": 5}}
                cell["label"] = _("not significant")
            cells.setdefault(row.group_key, {})[gaps.year] = cell
    series: list[tuple[str, list, str, dict]] = []
    if report.reference == REFERENCE_TOTAL and report.years:
        reference_name = _("%(name)s (reference)") % {"name": report.years[-1].reference_name}
        series.append((reference_name, [0.0] * len(years), TOTAL_COLOUR, {"show_dots": False}))
    for key, name in names.items():
        series.append((str(name), [cells[key].get(y) for y in years], _colour(colours, key), {}))
    if not series:
        series.append((_("No data yet"), [], REFERENCE_LINE_COLOUR, {}))
    x_title = _("Year · above 0: behind the reference")
    if report.any_not_significant:
        # xgettext:no-python-format
        x_title += "\n" + _("Hollow marker: not significant at 90 % confidence")
    chart = pygal.Line(
        **chart_config(
            colours=[colour for _t, _v, colour, _o in series],
            x_title=x_title,
            y_title=_("Gap"),
            allow_interruptions=True,
            stroke_style=LINE,
            value_formatter=_formatter(places),
            **legend_below([t for t, *_rest in series], series_count=len(series), height=300),
        )
    )
    _year_axis(chart, years)
    for name, line_values, _c, options in series:
        chart.add(name, line_values, **options)
    return render_svg(chart, title=str(title))


def status_chart_svg(*, title: str, counts: Mapping[str, int]) -> str:
    """A horizontal bar of how many actions are in each status (label → count)."""
    inputs = (str(title), [(str(k), int(v)) for k, v in counts.items()])
    return drawn_once("plans:status", inputs, lambda: _draw_status(title=str(title), counts=counts))


def _draw_status(*, title: str, counts: Mapping[str, int]) -> str:
    chart = pygal.HorizontalBar(**chart_config(height=260, show_legend=False, print_values=True))
    chart.x_labels = [str(k) for k in counts]
    chart.add(_("Actions"), [int(v) for v in counts.values()])
    return render_svg(chart, title=str(title))


def measure_chart_svg(
    *,
    title: str,
    labels: list[str],
    series: Mapping[str, list[Decimal | None]],
    colours: Mapping[str, str] | None = None,
) -> str:
    """A performance measure's values by period, one line per group (or one for all); `colours` maps a series
    name to its group's colour, so a group looks the same here as in the indicator charts."""
    inputs = (
        str(title),
        [str(label) for label in labels],
        [(str(k), list(v)) for k, v in series.items()],
        sorted((colours or {}).items()),
    )
    return drawn_once(
        "plans:measure",
        inputs,
        lambda: _draw_measure(title=str(title), labels=labels, series=series, colours=colours or {}),
    )


def _draw_measure(
    *, title: str, labels: list[str], series: Mapping[str, list[Decimal | None]], colours: Mapping[str, str]
) -> str:
    picked = [colours.get(str(name), GROUP_PALETTE[i % len(GROUP_PALETTE)]) for i, name in enumerate(series)]
    chart = pygal.Line(
        **chart_config(
            colours=picked,
            allow_interruptions=True,
            stroke_style=LINE,
            **legend_below([str(n) for n in series], series_count=len(series), height=260),
        )
    )
    chart.x_labels = labels
    for name, values in series.items():
        chart.add(str(name), [float(v) if v is not None else None for v in values])
    return render_svg(chart, title=str(title))
