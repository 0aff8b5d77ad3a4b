"""Links from assessments to plan actions (filled in once plans.Action is on main)."""

from __future__ import annotations


def action_links_for_assessment(*, assessment) -> list:
    """The plan actions linked to an assessment, with their live status."""
    return []
