"""Showing narrative text: sanitised again at display time, whatever is in the database."""

from django import template
from django.utils.safestring import mark_safe

from library.sanitise import sanitise_html

register = template.Library()


@register.filter
def sanitised(value: str) -> str:
    """The allowed HTML subset of `value`, safe to insert into a page."""
    return mark_safe(sanitise_html(html=value or ""))  # noqa: S308 - nh3 has just removed everything unsafe
