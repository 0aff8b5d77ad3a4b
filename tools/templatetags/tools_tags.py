"""Presentation helpers for worksheet pages: status tones (from `equity.status`) and plain-text answers."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from equity.status import status_tone as tone_of
from tools.cells import GROUP_OTHER, cell_group_kind, cell_text

register = template.Library()


@register.filter
def status_tone(status: str) -> str:
    """The badge colour of a status (shown next to its text, never alone), from the core's one map."""
    return tone_of(status, default="info")


@register.filter
def answer_text(value: object, question) -> str:
    """A non-table answer as readable text."""
    if value in (None, "", []):
        return ""
    if question.type == "table" and isinstance(value, list):
        return "\n".join(
            "; ".join(f"{c['label']}: {cell_display(row.get(c['key'], ''))}" for c in question.columns)
            for row in value
            if isinstance(row, dict)
        )
    if question.type == "yes_no" and isinstance(value, dict):
        answer = {"yes": _("Yes"), "no": _("No"), "not_stated": _("Not stated")}.get(value.get("answer", ""), "")
        follow_up = value.get("follow_up", "")
        return f"{answer}. {follow_up}" if answer and follow_up else answer
    if question.type == "multiple_choice" and isinstance(value, list):
        return "; ".join(value)
    return str(value)


def cell_display(value: object) -> str:
    """A cell as shown on pages and in PDFs: its text, with groups not on the city's list marked as such."""
    text = cell_text(value)
    if cell_group_kind(value) == GROUP_OTHER:
        return _("%(group)s (other group)") % {"group": text}
    return text


@register.filter
def cell(row: dict, key: str) -> str:
    return cell_display(row.get(key, "")) if isinstance(row, dict) else ""
