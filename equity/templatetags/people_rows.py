"""The cells of a person's row on the people list, written in Python: the markup the row template had, at a fraction
of its cost (three dozen template nodes a row, 25 rows a page, were most of the page's rendering; ADR 0067 did the
same for the plans app's long tables)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from equity.markup import csrf_input, format_html, shared_by_rows, url_pattern
from equity.models import User

register = template.Library()


def _page(context) -> dict:
    """What every row of one render shares: the translated words, the URL patterns and the form's CSRF field."""
    return shared_by_rows(
        context,
        "people_rows",
        lambda: {
            "active": format_html('<span class="badge status-badge text-bg-success">{}</span>', gettext("Active")),
            "deactivated": format_html(
                '<span class="badge status-badge text-bg-secondary">{}</span>', gettext("Deactivated")
            ),
            "words": {
                "edit": gettext("Edit"),
                "history": gettext("History"),
                "deactivate": gettext("Deactivate"),
                "reactivate": gettext("Reactivate"),
            },
            "update": url_pattern("user_update"),
            "history": url_pattern("user_history"),
            "set_active": url_pattern("user_set_active"),
            "csrf": csrf_input(context),
        },
    )


def _actions(person: User, shared: dict, viewer) -> SafeString:
    """Edit and History links, and (for anyone but the viewer) the form that deactivates or reactivates."""
    words = shared["words"]
    hidden = format_html('<span class="visually-hidden"> {}</span>', person.full_name)
    html = format_html(
        '<a href="{}">{}{}</a> ·\n<a href="{}">{}{}</a>',
        shared["update"](person.pk),
        words["edit"],
        hidden,
        shared["history"](person.pk),
        words["history"],
        hidden,
    )
    if person != viewer:
        html = format_html(
            '{}\n<form method="post" action="{}" class="d-inline">{}'
            '<input type="hidden" name="active" value="{}">'
            '<button type="submit" class="btn btn-link btn-sm p-0 align-baseline">{}{}</button></form>',
            html,
            shared["set_active"](person.pk),
            shared["csrf"],
            "0" if person.is_active else "1",
            words["deactivate"] if person.is_active else words["reactivate"],
            hidden,
        )
    return html


@register.simple_tag(takes_context=True)
def person_cells(context, person: User) -> SafeString:
    """The <td> cells of a person's row: name (and job title), email, departments (prefetched), roles, status as a
    badge (text, never colour alone), and the actions."""
    shared = _page(context)
    name = person.full_name
    if person.job_title:
        name = format_html('{}<br><span class="small text-body-secondary">{}</span>', name, person.job_title)
    return format_html(
        '<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="text-nowrap">{}</td>',
        name,
        person.email,
        format_html_join(", ", "{}", ((d.code,) for d in person.departments.all())),
        ", ".join(str(role.label) for role in person.roles),
        shared["active"] if person.is_active else shared["deactivated"],
        _actions(person, shared, context.get("user")),
    )
