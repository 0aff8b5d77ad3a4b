"""SVG charts of the plans app (pygal via equity.charts), free of request objects so PDF reports reuse them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

import pygal
from django.utils.translation import gettext as _

from equity.charts import chart_config, drawn_once, render_svg
from plans.gaps import GapReport, Point

DASHED = {"dasharray": "6, 4", "width": 2}


def _years(points: list[Point], extra: Iterable[int | None]) -> list[int]:
    return sorted({p.year for p in points} | {y for y in extra if y})


def indicator_chart_svg(*, indicator, data: Iterable[Point]) -> str:
    """Each group's value over the years, with the baseline and the target as dashed reference lines."""
    points = list(data)
    fields = ("name", "unit", "baseline_value", "baseline_year", "target_value", "target_year")
    inputs = (tuple(getattr(indicator, f) for f in fields), points)
    return drawn_once("plans:indicator", inputs, lambda: _draw_indicator(indicator=indicator, points=points))


def _draw_indicator(*, indicator, points: list[Point]) -> str:
    years = _years(points, [indicator.baseline_year, indicator.target_year])
    unit = f" ({indicator.unit})" if indicator.unit else ""
    chart = pygal.Line(**chart_config(x_title=_("Year"), y_title=f"{indicator.name}{unit}", allow_interruptions=True))
    chart.x_labels = [str(y) for y in years]
    series: dict[str, dict[int, float]] = {}
    for point in points:
        series.setdefault(point.group_name, {})[point.year] = float(point.value)
    for name, values in series.items():
        chart.add(str(name), [values.get(y) for y in years])
    if indicator.baseline_value is not None:
        label = _("Baseline %(year)s") % {"year": indicator.baseline_year or ""}
        chart.add(label.strip(), [float(indicator.baseline_value)] * len(years), stroke_style=DASHED, show_dots=False)
    if indicator.target_value is not None and indicator.target_year:
        target = [float(indicator.target_value) if y == indicator.target_year else None for y in years]
        chart.add(_("Target %(year)s") % {"year": indicator.target_year}, target, dots_size=6)
    if not points:
        chart.add(_("No data yet"), [])
    return render_svg(chart, title=indicator.name)


def gap_chart_svg(*, title: str, report: GapReport) -> str:
    """Each group's gap to the reference over the years (lower is better: zero means no gap)."""
    return drawn_once("plans:gap", (str(title), report), lambda: _draw_gaps(title=str(title), report=report))


def _draw_gaps(*, title: str, report: GapReport) -> str:
    years = [gaps.year for gaps in report.years]
    chart = pygal.Line(**chart_config(x_title=_("Year"), y_title=_("Gap"), allow_interruptions=True, height=320))
    chart.x_labels = [str(y) for y in years]
    series: dict[str, dict[int, float]] = {}
    for gaps in report.years:
        for row in gaps.rows:
            if not row.is_reference:
                series.setdefault(row.group_name, {})[gaps.year] = float(row.gap)
    for name, values in series.items():
        chart.add(str(name), [values.get(y) for y in years])
    if not series:
        chart.add(_("No data yet"), [])
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


def measure_chart_svg(*, title: str, labels: list[str], series: Mapping[str, list[Decimal | None]]) -> str:
    """A performance measure's values by period, one line per group (or one for all)."""
    inputs = (str(title), [str(label) for label in labels], [(str(k), list(v)) for k, v in series.items()])
    return drawn_once("plans:measure", inputs, lambda: _draw_measure(title=str(title), labels=labels, series=series))


def _draw_measure(*, title: str, labels: list[str], series: Mapping[str, list[Decimal | None]]) -> str:
    chart = pygal.Line(**chart_config(height=300, allow_interruptions=True))
    chart.x_labels = labels
    for name, values in series.items():
        chart.add(str(name), [float(v) if v is not None else None for v in values])
    return render_svg(chart, title=str(title))
