"""The action status legend (configurable by the equity team; defaults from `equity.status` and plans.reference):
each status's label, colour, order and whether it needs attention. Every page, export and PDF that shows an action
status takes its label and colour from here; the text is always shown beside the colour."""

from __future__ import annotations

from equity.cached_reads import cached_read
from equity.status import status_tone
from plans.models import ActionStatus, StatusLegendEntry


class Legend(dict):
    """Status value → Bootstrap tone (so templates' `tones|tone:status` keep working), plus each status's label,
    the legend's order and the statuses that need attention (in legend order)."""

    def __init__(self, tones: dict[str, str], labels: dict[str, str], order: list[str], attention: list[str]):
        super().__init__(tones)
        self.labels = labels
        self.order = order
        self.attention = attention
        self.badges: dict[tuple[str, str], str] = {}  # status badges made for this legend (plans_tags.rollup_line)

    def label(self, status: str) -> str:
        """The status's label: the legend's when the equity team set one, else the built-in name."""
        if status in self.labels:
            return self.labels[status]
        return str(ActionStatus(status).label) if status in ActionStatus.values else str(status)


@cached_read("plans.legend", per_language=True)
def legend() -> Legend:
    """The legend, from its table (one query, or the shared cache: equity.cached_reads), with defaults for statuses
    that have no row."""
    tones = {str(status): status_tone(status) for status in ActionStatus.values}
    labels = {str(s.value): str(s.label) for s in ActionStatus}
    rows = list(
        StatusLegendEntry.objects.order_by("sort_order", "pk").values_list("status", "tone", "label", "needs_attention")
    )
    order: list[str] = []
    attention: list[str] = []
    for status, tone, label, needs_attention in rows:
        tones[status] = tone
        if label:
            labels[status] = label
        order.append(status)
        if needs_attention:
            attention.append(status)
    order += [s for s in ActionStatus.values if s not in order]
    return Legend(tones, labels, order, attention)


def legend_tones() -> Legend:
    """The legend (its mapping is status value → tone); kept under this name for the templates' `tones`."""
    return legend()


def attention_statuses() -> list[str]:
    """The statuses marked as needing attention, in legend order (the legend's, cached: equity.cached_reads)."""
    return list(legend().attention)
