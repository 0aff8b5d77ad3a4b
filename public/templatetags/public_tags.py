"""Template filters of the public pages."""

from __future__ import annotations

from datetime import date, datetime

from django import template

register = template.Library()


@register.filter
def as_date(value: object) -> object:
    """A payload's ISO date ("2026-03-31") as a date, so `|date` can format it in the visitor's language; anything
    else unchanged."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, datetime):
        return value.date()
    return value
