"""Charts of training data, pure functions of report data so the pages and the PDF reports draw the same SVG."""

from __future__ import annotations

import pygal
from django.utils.translation import gettext as _

from equity.charts import chart_config, render_svg
from training.completion import CompletionReport


def completion_chart_svg(*, report: CompletionReport, title: str | None = None) -> str:
    """Per-department completion (%) of each module in the report, as a horizontal bar chart."""
    rows = [row for row in report.rows if row.staff]
    height = max(300, 60 + len(rows) * max(len(report.modules), 1) * 22)
    chart = pygal.HorizontalBar(
        **chart_config(height=height, range=(0, 100), x_title=_("Completed (%)"), show_legend=len(report.modules) > 1)
    )
    chart.x_labels = [row.department.name for row in rows]
    for index, module in enumerate(report.modules):
        values = [float(row.cells[index].percent) if row.cells[index].percent is not None else None for row in rows]
        chart.add(module.title, values)
    return render_svg(chart, title=title or _("Training completion by department"))
