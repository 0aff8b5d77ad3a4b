"""Charts of training data, pure functions of report data so the pages and the PDF reports draw the same SVG."""

from __future__ import annotations

import pygal
from django.utils.translation import gettext as _

from equity.charts import chart_config, drawn_once, render_svg
from training.completion import CompletionReport


def completion_chart_svg(*, report: CompletionReport, title: str | None = None) -> str:
    """Per-department completion (%) of each module in the report, as a horizontal bar chart."""
    rows = [row for row in report.rows if row.staff]
    labels = [row.department.name for row in rows]
    series = [
        (
            module.title,
            [None if (percent := row.cells[index].percent) is None else float(percent) for row in rows],
        )
        for index, module in enumerate(report.modules)
    ]
    title = title or _("Training completion by department")
    # pygal takes ~50-100 ms to draw the city-wide chart (40 departments x 5 modules): drawn once per set of figures.
    return drawn_once(
        "training:completion", (title, labels, series), lambda: _draw(title=title, labels=labels, series=series)
    )


def _draw(*, title: str, labels: list[str], series: list[tuple[str, list[float | None]]]) -> str:
    height = max(300, 60 + len(labels) * max(len(series), 1) * 22)
    chart = pygal.HorizontalBar(
        **chart_config(height=height, range=(0, 100), x_title=_("Completed (%)"), show_legend=len(series) > 1)
    )
    chart.x_labels = labels
    for name, values in series:
        chart.add(name, values)
    return render_svg(chart, title=title)
