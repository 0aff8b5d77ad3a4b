"""The action status colour legend (configurable; always shown with the status text)."""

from __future__ import annotations

from plans.models import ActionStatus, StatusLegendEntry

DEFAULT_TONES = {
    ActionStatus.NOT_STARTED: "secondary",
    ActionStatus.ON_TRACK: "success",
    ActionStatus.AT_RISK: "warning",
    ActionStatus.OFF_TRACK: "danger",
    ActionStatus.COMPLETED: "primary",
}


def legend_tones() -> dict[str, str]:
    """Status value → Bootstrap tone, from the legend table (one query), with defaults for missing entries."""
    tones = {str(k): v for k, v in DEFAULT_TONES.items()}
    tones.update(dict(StatusLegendEntry.objects.values_list("status", "tone")))
    return tones
