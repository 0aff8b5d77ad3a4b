"""Server-rendered SVG charts (pygal), the same in the pages and in the PDF reports.

Charts are built without pygal's JavaScript (the CSP allows no external or inline script) and always sit next
to an accessible data table in the page.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Sequence

import pygal
from django.utils.translation import get_language
from pygal.style import Style

from equity.cache import cache_get, cache_set

_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL | re.IGNORECASE)
# pygal numbers its legend entries id="activate-serie-0", -1, ... in every chart, for its JavaScript only: two charts
# on one page would repeat them (an HTML error), so they are dropped with the script.
_LEGEND_IDS = re.compile(r' id="activate-serie-\d+"')

# pygal spends tens of milliseconds drawing a chart, while the figures behind it change far less often than pages
# are read: a drawing is kept (in the configured cache) under everything it depends on.
CHART_CACHE_SECONDS = 600

# Colours with at least 3:1 contrast on white and distinguishable for common colour-vision deficiencies (Okabe-Ito).
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8a6d00", "#56B4E9", "#000000", "#7a5195")

STYLE_OPTIONS = dict(
    background="white",
    plot_background="white",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#495057",
    colors=SERIES_COLOURS,
    font_family="Liberation Sans, Arial, sans-serif",
    title_font_size=16,
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=12,
    value_font_size=11,
    # Full-strength colours (pygal fades them by default, which costs contrast), and solid light guides so that a
    # dashed or dotted line always means a trend or a reference line, never the grid.
    opacity="1",
    stroke_opacity="1",
    guide_stroke_dasharray="none",
    major_guide_stroke_dasharray="none",
    guide_stroke_color="#dee2e6",
    major_guide_stroke_color="#ced4da",
)
PORTAL_STYLE = Style(**STYLE_OPTIONS)


def chart_config(*, colours: Sequence[str] | None = None, **overrides) -> dict:
    """Common pygal options: no JavaScript, a readable style, a fixed size that scales with its container, legends
    never truncated. `colours` gives each series its colour, in the order the series are added (pygal colours by
    position; callers that colour by meaning, such as one colour per group, pass them here)."""
    options = {
        "style": Style(**{**STYLE_OPTIONS, "colors": tuple(colours)}) if colours else PORTAL_STYLE,
        "js": [],
        "disable_xml_declaration": True,
        "width": 800,
        "height": 400,
        "explicit_size": False,
        "legend_at_bottom": True,
        "print_values": False,
        "show_y_guides": True,
        "truncate_legend": -1,
    }
    options.update(overrides)
    return options


LEGEND_ROW_HEIGHT = 22


def legend_below(titles: Sequence[str], *, series_count: int, height: int) -> dict:
    """pygal options for a legend under an 800-wide chart whose labels are never cut: columns chosen so that no
    label runs into the next, and the chart made taller by the legend's rows.

    pygal 3 reserves `series_count // columns` legend rows (rounding down, and counting series without a legend
    entry), so a legend whose last row is not full is clipped at the bottom: the missing rows go into the bottom
    margin."""
    longest = max((len(str(t)) for t in titles), default=0)
    columns = 1 if longest > 50 else 2 if longest > 30 else 3
    rows = -(-len(titles) // columns)
    missing = max(rows - series_count // columns, 0)
    row = 1.5 * float(str(STYLE_OPTIONS["legend_font_size"]))
    return {
        "legend_at_bottom_columns": columns,
        "height": height + LEGEND_ROW_HEIGHT * rows,
        "margin_bottom": 20 + math.ceil(row * missing),
    }


def render_svg(chart: pygal.graph.graph.Graph, *, title: str) -> str:
    """The chart as an inline SVG string with an accessible name (role="img" and a <title>)."""
    chart.title = title
    svg = chart.render(is_unicode=True)
    # pygal always writes a small inline <script> of its config, even with js=[]: the CSP forbids it, so drop it.
    svg = _LEGEND_IDS.sub("", _SCRIPT.sub("", svg))
    return svg.replace("<svg ", '<svg role="img" focusable="false" ', 1)


def drawn_once(kind: str, inputs: object, draw: Callable[[], str]) -> str:
    """The SVG that `draw()` returns, drawn once per distinct `inputs` and language and reused after that.

    `inputs` must hold everything the drawing depends on (figures, labels, titles) with a stable `repr`: plain
    values, tuples, lists and dataclasses, never model instances (whose repr hides their fields)."""
    key = f"chart:{kind}:" + hashlib.sha256(repr((get_language(), inputs)).encode()).hexdigest()
    svg = cache_get(key)
    if svg is None:
        svg = draw()
        cache_set(key, svg, CHART_CACHE_SECONDS)
    return svg
