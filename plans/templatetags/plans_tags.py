"""Template filters of the plans app: looking up a status's legend colour."""

from django import template

register = template.Library()


@register.filter
def tone(tones: dict, status: str) -> str:
    """The Bootstrap tone of a status from the legend mapping (grey when unknown)."""
    return tones.get(status, "secondary") if tones else "secondary"
