"""Presentation helpers for worksheet pages: status tones and plain-text answers."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

register = template.Library()

TONES = {
    "draft": "secondary",
    "in_review": "warning",
    "completed": "success",
    "published": "success",
    "retired": "secondary",
    "approved": "success",
    "returned": "warning",
}


@register.filter
def status_tone(status: str) -> str:
    """The badge colour of a status (shown next to its text, never alone)."""
    return TONES.get(status, "info")


@register.filter
def answer_text(value: object, question) -> str:
    """A non-table answer as readable text."""
    if value in (None, "", []):
        return ""
    if question.type == "yes_no":
        answer = {"yes": _("Yes"), "no": _("No")}.get(value.get("answer", ""), "")
        follow_up = value.get("follow_up", "")
        return f"{answer}. {follow_up}" if answer and follow_up else answer
    if question.type == "multiple_choice":
        return "; ".join(value)
    return str(value)


@register.filter
def cell(row: dict, key: str) -> str:
    return row.get(key, "") if isinstance(row, dict) else ""
