"""The action status colour legend (configurable, defaults from `equity.status`; always shown with the text)."""

from __future__ import annotations

from equity.status import status_tone
from plans.models import ActionStatus, StatusLegendEntry


def legend_tones() -> dict[str, str]:
    """Status value → Bootstrap tone, from the legend table (one query), with defaults for missing entries."""
    tones = {str(status): status_tone(status) for status in ActionStatus.values}
    tones.update(dict(StatusLegendEntry.objects.values_list("status", "tone")))
    return tones
