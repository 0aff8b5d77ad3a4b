"""Template filters of the public pages."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

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


@register.filter
def lang_attr(value: object) -> str:
    """` lang="en"` for a piece of published text shown in English on a page in another language (no translation
    made from that English yet, `public.presenters.content`); nothing otherwise."""
    lang = getattr(value, "lang", None)
    return format_html(' lang="{}"', lang) if lang == "en" and (get_language() or "en").split("-")[0] != "en" else ""
