"""Charts of training data, pure functions of report data so the pages and the PDF reports draw the same SVG."""

from __future__ import annotations

import hashlib

import pygal
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from equity.charts import chart_config, render_svg
from training.completion import CompletionReport

# pygal takes ~50-100 ms to draw the city-wide chart (40 departments x 5 modules); the SVG depends only on the
# figures and the language, so the same figures are drawn once (per process) and then reused.
CHART_CACHE_SECONDS = 600


def completion_chart_svg(*, report: CompletionReport, title: str | None = None) -> str:
    """Per-department completion (%) of each module in the report, as a horizontal bar chart."""
    rows = [row for row in report.rows if row.staff]
    labels = [row.department.name for row in rows]
    series = [
        (
            module.title,
            [float(row.cells[index].percent) if row.cells[index].percent is not None else None for row in rows],
        )
        for index, module in enumerate(report.modules)
    ]
    title = title or _("Training completion by department")
    key = (
        "training:completion-chart:"
        + hashlib.sha256(repr((get_language(), title, labels, series)).encode()).hexdigest()
    )
    svg = cache.get(key)
    if svg is None:
        svg = _draw(title=title, labels=labels, series=series)
        cache.set(key, svg, CHART_CACHE_SECONDS)
    return svg


def _draw(*, title: str, labels: list[str], series: list[tuple[str, list[float | None]]]) -> str:
    height = max(300, 60 + len(labels) * max(len(series), 1) * 22)
    chart = pygal.HorizontalBar(
        **chart_config(height=height, range=(0, 100), x_title=_("Completed (%)"), show_legend=len(series) > 1)
    )
    chart.x_labels = labels
    for name, values in series:
        chart.add(name, values)
    return render_svg(chart, title=title)
