"""Template helpers of the plans app: a status's legend colour, status badges for long tables, and indicator
figures with the indicator's decimal places."""

from django import template
from django.utils.html import format_html

from plans.numbers import format_value

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


@register.filter
def places(value, decimal_places=None) -> str:
    """An indicator figure with the indicator's decimal places: {{ value|places:places }} ("—" when missing)."""
    return format_value(value, decimal_places)


@register.filter
def signed_places(value, decimal_places=None) -> str:
    """A change or a gap that can go either way, with its sign: +2.0, -1.5, 0.0."""
    return format_value(value, decimal_places, signed=True)


@register.simple_tag
def figure(value, decimal_places=None, signed=False) -> str:
    """{% figure value places signed %}: a figure whose sign is shown only where it can go either way (gaps
    against all residents), plain elsewhere (gaps against the best-off group, which are never negative)."""
    return format_value(value, decimal_places, signed=bool(signed))
