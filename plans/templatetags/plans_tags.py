"""Template helpers of the plans app: a status's legend colour, status badges for long tables, and indicator
figures with the indicator's decimal places."""

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from equity.i18n.numbers import percent_format, with_percent_sign
from equity.markup import format_html
from equity.templatetags.portal import badge
from plans.numbers import format_value

register = template.Library()


@register.filter
def tone(tones: dict, status: str) -> str:
    """The Bootstrap tone of a status from the legend mapping (grey when unknown)."""
    return tones.get(status, "secondary") if tones else "secondary"


@register.simple_tag
def status_badge(status: str, label: str, tones: dict) -> str:
    """An action status as a badge: text always (the legend's label when it has one), the legend's colour as a
    second cue; a cancelled action's status struck through."""
    labels = getattr(tones, "labels", None) or {}
    text = labels.get(status) or label
    if status == "cancelled":
        html = '<span class="badge status-badge text-bg-{}"><del>{}</del></span>'
        return format_html(html, tone(tones, status), text)
    return badge(text, tone(tones, status))


@register.simple_tag
def legend_badge(status: str, tones) -> str:
    """`status_badge` with the legend's label: for table rows, where `get_status_display` would hash every lazy
    choice label of the field on each row."""
    return status_badge(status, tones.label(status), tones)


@register.simple_tag
def rollup_line(rollup, tones, inline: bool = False) -> SafeString:
    """A roll-up of actions by status (plans.selectors.Rollup): "12 actions (40% average of 3 reporting; 9 not
    reported): [On track] 7 (58%) · ...". A tag, not an include: the plan page shows one per result and outcome, and
    the include cost most of the page's time (ADR 0067). `inline`: in a <summary>, a block span, not a paragraph."""
    tag, extra = ("span", "d-block fw-normal ") if inline else ("p", "")
    if not rollup.total:
        return format_html(
            '<{} class="{}mb-1 small text-body-secondary">{}</{}>', tag, extra, gettext("No actions yet."), tag
        )
    text = ngettext("%(n)s action", "%(n)s actions", rollup.total) % {"n": rollup.total}
    text = f"{text} ({rollup.percent_text})"
    if rollup.cancelled:
        n = rollup.cancelled
        text += ", " + ngettext("%(n)s cancelled, not counted", "%(n)s cancelled, not counted", n) % {"n": n}
    # Shares are whole percents (0-100): no thousand separator to localize, only the sign's place.
    statuses = " · ".join(
        f"{_badge(tones, value, label)} {count} ({with_percent_sign(str(share))})"
        for value, label, count, share in rollup.by_status
        if count
    )
    return format_html('<{} class="{}mb-1 small">{}: {}</{}>', tag, extra, text, mark_safe(statuses), tag)


def _badge(tones, value: str, label) -> str:
    """`status_badge`, made once per status for this legend (one legend per request): a roll-up shows up to ten."""
    memo = getattr(tones, "badges", None)
    if memo is None:
        return status_badge(value, label, tones)
    key = (value, str(label))  # the label as shown: another language is another badge
    if key not in memo:
        memo[key] = status_badge(value, label, tones)
    return memo[key]


@register.filter
def status_label(tones: dict, status: str) -> str:
    """A status's label from the legend: {{ tones|status_label:action.status }}."""
    label = getattr(tones, "label", None)
    return label(status) if label else status


@register.filter
def percent(value, places=None) -> str:
    """A percent complete in the language's way (equity.i18n.numbers: "20%", "20 %"), or "not reported" when the
    action reports none. The same as the core `percent` filter for a number."""
    if value is None:
        return gettext("not reported")
    return percent_format(value, None if places in (None, "") else int(places))


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
