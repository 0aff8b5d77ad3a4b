"""Template helpers of the plans app: a status's legend colour, and status badges for long tables."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def tone(tones: dict, status: str) -> str:
    """The Bootstrap tone of a status from the legend mapping (grey when unknown)."""
    return tones.get(status, "secondary") if tones else "secondary"


@register.simple_tag
def badge(label: str, tone: str = "secondary") -> str:
    """A status shown as a badge, text always (the markup of includes/_status_badge.html). A tag rather than that
    include where lists and roll-ups render it hundreds of times a page: it costs a fraction of an include."""
    return format_html('<span class="badge status-badge text-bg-{}">{}</span>', tone or "secondary", label)


@register.simple_tag
def status_badge(status: str, label: str, tones: dict) -> str:
    """An action status as a badge: text always, the legend's colour as a second cue."""
    return badge(label, tone(tones, status))
