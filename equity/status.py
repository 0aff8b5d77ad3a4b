"""One status-tone map for every app: a status value → the Bootstrap tone of its badge.

The tone is a second cue only: the status text is always shown next to it. Apps map their status choices here
instead of keeping their own colour tables; plans' action statuses also have a configurable legend
(`plans.status.legend_tones`) whose defaults come from this map.
"""

from __future__ import annotations

DEFAULT_TONE = "secondary"

STATUS_TONES: dict[str, str] = {
    # not started, or not yet in force
    "draft": "secondary",
    "not_started": "secondary",
    "retired": "secondary",
    # waiting on someone
    "in_review": "warning",
    "returned": "warning",
    "suggested": "warning",
    "at_risk": "warning",
    # in progress
    "proposed": "info",
    "running": "info",
    # done or good
    "on_track": "success",
    "completed": "success",
    "published": "success",
    "approved": "success",
    "adopted": "success",
    "done": "success",
    # refused or failing
    "off_track": "danger",
    "declined": "danger",
    "failed": "danger",
}


def status_tone(status: str, *, default: str = DEFAULT_TONE) -> str:
    """The badge tone of a status value (`default` when the map does not know it)."""
    return STATUS_TONES.get(str(status), default)
