"""The progress update timeline of the action page, one entry per update, written in Python: the same markup as a
template loop, at a fraction of its cost (each entry has a dozen translated labels, dates and conditions; as
template nodes they were most of the page's time on an action with many updates)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.dateformat import format as date_pattern
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from equity.markup import csrf_input, format_html, shared_by_rows, url_pattern
from plans.templatetags.plans_tags import percent, status_badge

register = template.Library()

ISO = "%Y-%m-%dT%H:%M:%S%z"  # a <time datetime> without microseconds, as the `date` filter's Y-m-d\TH:i:sO


def _when(value, pattern: str) -> str:
    """A date or time as the template's `date` filter shows it: in the current time zone, in `pattern` (the
    language's DATETIME_FORMAT or DATE_FORMAT, looked up once per page by `_labels`)."""
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_pattern(value, pattern)


def _text(label: str, value: str) -> str:
    return format_html('<p class="mb-1"><strong>{}</strong> {}</p>', label, linebreaksbr(value, autoescape=True))


def _labels(context) -> dict[str, Any]:
    """The entries' fixed labels, translated once per page (kept in the render context) rather than per entry, with
    the language's date formats and the entries' URL patterns."""
    return shared_by_rows(
        context,
        "plans_timeline_labels",
        lambda: {
            "no_longer": gettext("this update no longer counts"),
            "wrong": gettext("What was wrong:"),
            "reason": gettext("Reason:"),
            "happened": gettext("What happened:"),
            "barriers": gettext("Barriers:"),
            "next": gettext("Next steps:"),
            "review": gettext("Mark reviewed"),
            "attach": gettext("Attach a file"),
            "correct": gettext("Correct this update"),
            "csrf": csrf_input(context),
            "datetime": get_format("DATETIME_FORMAT"),
            "date": get_format("DATE_FORMAT"),
            "review_url": url_pattern("plans:update_review"),
            "correct_url": url_pattern("plans:update_correct"),
        },
    )


def _files(context, update, when: str, labels: dict[str, Any]) -> str:
    """The update's files (includes/_attachments.html, compact) when it has some; for its editors otherwise, a link
    to attach one."""
    panel = getattr(update, "attachment_panel", None)
    if panel is None or not (panel.attachments or panel.can_edit):
        return ""
    title = gettext("Files of the update of %(when)s") % {"when": when}
    if panel.attachments:
        files = context.template.engine.get_template("includes/_attachments.html")
        values = {"panel": panel, "title": title, "level": 3, "compact": True, "csrf_token": context.get("csrf_token")}
        return files.render(context.new(values))
    key = f"attach_url:{panel.owner_key}"
    if key not in labels:
        labels[key] = url_pattern("attachment_create", panel.owner_key)
    url = labels[key](panel.owner_pk)
    # The panel's id stays on the link's paragraph: the upload page sends the editor back to it.
    html = '<p class="small mb-1" id="{}"><a href="{}">{}<span class="visually-hidden"> ({})</span></a></p>'
    return format_html(html, panel.dom_id, url, labels["attach"], title)


@register.simple_tag(takes_context=True)
def update_entry(context, update, tones, can_review: bool = False, can_post_update: bool = False) -> SafeString:
    """One progress update as a timeline entry (<li>): who and when, status, texts, review, files, correction link.
    `update.correction` (set by the view) is the update that corrected it, if any."""
    correction = getattr(update, "correction", None)
    labels = _labels(context)
    when = _when(update.created_at, labels["datetime"])
    parts: list[str] = []
    if correction is not None:
        corrected = gettext("Corrected on %(when)s by %(who)s") % {
            "when": _when(correction.created_at, labels["date"]),
            "who": correction.author.display_name,
        }
        parts.append(format_html('<p class="mb-1"><strong>{}</strong> · {}</p>', corrected, labels["no_longer"]))
    if update.supersedes_id:
        of = gettext("Correction of the update of %(when)s") % {"when": _when(update.supersedes_at, labels["date"])}
        parts.append(format_html('<p class="mb-1"><strong>{}</strong></p>', of))
    extra = ""
    if update.as_of:
        extra += " · " + gettext("as of %(d)s") % {"d": _when(update.as_of, labels["date"])}
    if update.period_id:
        extra += " · " + update.period.name
    iso = timezone.localtime(update.created_at).strftime(ISO)
    parts.append(
        format_html(
            '<p class="mb-1"><strong>{}</strong>, <time datetime="{}">{}</time>{}</p>',
            update.author.display_name,
            iso,
            when,
            extra,
        )
    )
    status = status_badge(update.status, tones.label(update.status), tones)
    changed = ""
    if update.status_changed:
        changed = " · " + gettext("changed from %(old)s") % {"old": tones.label(update.previous_status)}
    parts.append(format_html('<p class="mb-1">{} {}{}</p>', status, percent(update.percent_complete), changed))
    if update.status_reason:
        label = labels["wrong"] if update.supersedes_id else labels["reason"]
        parts.append(_text(label, update.status_reason))
    parts.append(_text(labels["happened"], update.summary))
    if update.barriers:
        parts.append(_text(labels["barriers"], update.barriers))
    if update.next_steps:
        parts.append(_text(labels["next"], update.next_steps))
    if update.reviewed_at:
        reviewed = gettext("Reviewed by %(who)s on %(when)s") % {
            "who": update.reviewed_by.display_name if update.reviewed_by_id else "",
            "when": _when(update.reviewed_at, labels["date"]),
        }
        parts.append(format_html('<p class="small mb-0">{}</p>', reviewed))
    elif can_review:
        form = (
            '<form method="post" action="{}">{}<button type="submit" class="btn btn-sm btn-outline-secondary">{}'
            "</button></form>"
        )
        url = labels["review_url"](update.pk)
        parts.append(format_html(form, url, mark_safe(labels["csrf"]), labels["review"]))
    parts.append(_files(context, update, when, labels))
    if can_post_update and correction is None and update.status != "cancelled":
        link = '<p class="small mb-0"><a href="{}">{}<span class="visually-hidden"> {}</span></a></p>'
        url = labels["correct_url"](update.pk)
        parts.append(format_html(link, url, labels["correct"], gettext("of %(when)s") % {"when": when}))
    css = "border-start border-3 ps-3 mb-3" + (" text-body-secondary" if correction is not None else "")
    return format_html('<li class="{}">{}</li>', css, mark_safe("".join(parts)))
