"""The plan page's tree entries, written in Python: an indicator under its result, an outcome (closed, with its
roll-up; its actions load when it is opened). The markup the template loop had, at a fraction of its cost: a plan of
a city's size shows dozens of each, and their template nodes (links, forms, translated words) were most of the page's
time (ADR 0067 did the same for the roll-ups, ADR 0075 for these entries)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from equity.markup import csrf_input, format_html, shared_by_rows, url_pattern
from plans.templatetags.plans_tags import rollup_line

register = template.Library()


def _shared(context) -> dict[str, Any]:
    """The entries' translated words, CSRF field and URL patterns, made once per page."""
    return shared_by_rows(
        context,
        "plans_tree",
        lambda: {
            "stop_using": gettext("Stop using"),
            "show_chart": gettext("Show chart"),
            "chart_note": gettext("The data table and gap analysis are on the indicator's page."),
            "edit": gettext("Edit"),
            "delete": gettext("Delete"),
            "csrf": csrf_input(context),
            "indicator_url": url_pattern("plans:indicator_detail"),
            "chart_url": url_pattern("plans:indicator_chart"),
            "outcome_update_url": url_pattern("plans:outcome_update"),
            "outcome_delete_url": url_pattern("plans:outcome_delete"),
        },
    )


@register.simple_tag(takes_context=True)
def indicator_entry(context, result, indicator, can_edit: bool = False) -> SafeString:
    """An indicator of a result: its link and direction, for editors a "Stop using" button, and its chart behind a
    disclosure (an image loaded when shown)."""
    shared = _shared(context)
    name = indicator.name
    unlink = ""
    if can_edit:
        key = f"unlink_url:{result.pk}"
        if key not in shared:
            shared[key] = url_pattern("plans:indicator_unlink", result.pk)
        unlink = format_html(
            ' <form method="post" action="{}" class="d-inline">{}<button type="submit" class="btn btn-link btn-sm p-0'
            ' align-baseline">{}<span class="visually-hidden"> {}</span></button></form>',
            shared[key](indicator.pk),
            mark_safe(shared["csrf"]),  # noqa: S308  # csrf_input's markup, escaped there
            shared["stop_using"],
            name,
        )
    alt = gettext("Chart of %(name)s by year and group.") % {"name": name}
    return format_html(
        '<div class="mb-3">\n  <div class="mb-1"><a href="{}">{}</a>'
        ' <span class="small text-body-secondary">({})</span>{}</div>\n'
        '  <details><summary>{}</summary><div class="chart"><img src="{}" loading="lazy" class="img-fluid" width="800"'
        ' height="400" alt="{}"></div><p class="small">{}</p></details>\n</div>',
        shared["indicator_url"](indicator.pk),
        name,
        indicator.get_direction_display(),
        unlink,
        shared["show_chart"],
        shared["chart_url"](indicator.pk),
        alt,
        shared["chart_note"],
    )


@register.simple_tag(takes_context=True)
def outcome_entry(context, outcome, tones, actions_url: str, outcome_actions_url: str, can_edit: bool = False):
    """An outcome, closed: its statement, level and roll-up in the summary; for editors its edit (and, without
    actions, delete) links; a link to its actions, which htmx replaces with their first rows when it is opened."""
    shared = _shared(context)
    rollup = outcome.rollup
    n_actions = rollup.total + rollup.cancelled
    statement = outcome.statement
    code = f"{outcome.code} " if outcome.code else ""
    department = f": {outcome.department.code}" if outcome.department_id else ""
    loads = ""
    if n_actions:
        loads = format_html(
            ' data-hx-get="{}?outcome={}" data-hx-trigger="toggle once" data-hx-target="find [data-outcome-actions]"',
            outcome_actions_url,
            outcome.pk,
        )
    edit = ""
    if can_edit:
        links = format_html(
            '<a href="{}">{}<span class="visually-hidden"> {}</span></a>',
            shared["outcome_update_url"](outcome.pk),
            shared["edit"],
            statement,
        )
        if not rollup.total:
            links += format_html(
                ' · <a href="{}">{}<span class="visually-hidden"> {}</span></a>',
                shared["outcome_delete_url"](outcome.pk),
                shared["delete"],
                statement,
            )
        edit = format_html('<p class="small mb-1">{}</p>', links)
    show = ""
    if n_actions:
        label = ngettext(
            "Show the %(n)s action of this outcome", "Show all %(n)s actions of this outcome", n_actions
        ) % {"n": localize(n_actions)}
        show = format_html(
            '<p class="small"><a href="{}?outcome={}">{}<span class="visually-hidden">: {}</span></a></p>',
            actions_url,
            outcome.pk,
            label,
            statement,
        )
    return format_html(
        '<details class="plan-outcome border-start border-3 ps-3 mb-3"{}>\n'
        '  <summary><span class="fw-semibold">{}{}</span> <span class="small">({}{})</span>\n'
        "    {}</summary>\n  {}\n  <div data-outcome-actions>{}</div>\n</details>",
        loads,
        code,
        statement,
        outcome.get_level_display(),
        department,
        rollup_line(rollup, tones, inline=True),
        edit,
        show,
    )
