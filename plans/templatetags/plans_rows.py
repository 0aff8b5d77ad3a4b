"""The cells of an action's row in the plans app's long tables (a plan's actions, a department's tracking view, an
outcome's first actions), written in Python: the markup the row templates had, at a fraction of their cost (a
dozen template nodes a cell, 25 to 50 rows a page, were most of these pages' time; ADR 0067 did the same for the
roll-ups)."""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.formats import date_format, localize
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from equity.markup import format_html, shared_by_rows, url_pattern
from equity.templatetags.portal import badge
from plans.models import Plan
from plans.models.actions import CLOSED_STATUSES, NO_END_STATUSES
from plans.templatetags.plans_tags import percent, status_badge

register = template.Library()


def _page(context) -> dict:
    """What every row of one render shares: today, the translated words, the action URL's pattern."""
    return shared_by_rows(
        context,
        "plans_rows",
        lambda: {
            "today": timezone.localdate(),
            "overdue": gettext("overdue"),
            "url": url_pattern("plans:action_detail"),
        },
    )


def _due(action, shared: dict) -> SafeString:
    if action.due_date is None:
        html = mark_safe("—")
    else:
        html = format_html('<time datetime="{}">{}</time>', action.due_date.isoformat(), date_format(action.due_date))
        open_ = action.status not in CLOSED_STATUSES and action.status not in NO_END_STATUSES
        if open_ and action.due_date < shared["today"]:  # Action.is_overdue, with today taken once a page
            html = format_html("{} <strong>({})</strong>", html, shared["overdue"])
    if action.timeline:
        html = format_html('{}<br><span class="small">{}</span>', html, action.timeline)
    return html


def _select(action, selected) -> SafeString:
    """The bulk edit's cell: a labelled checkbox and the version the edit checks, for an action the person may edit."""
    if not getattr(action, "can_bulk", False):
        return mark_safe("<td></td>")
    checked = " checked" if str(action.pk) in (selected or ()) else ""
    html = (
        '<td><input class="form-check-input" type="checkbox" name="actions" value="{}" id="select-{}"{}>'
        '<label class="visually-hidden" for="select-{}">{}</label>'
        '<input type="hidden" name="version-{}" value="{}"></td>'
    )
    label = gettext("Select “%(t)s”") % {"t": action.title}
    return format_html(html, action.pk, action.pk, checked, action.pk, label, action.pk, action.version)


@register.simple_tag(takes_context=True)
def action_cells(context, action, tones, outcomes: bool = False, select: bool = False, selected=()) -> SafeString:
    """The <td> cells of an action's row: with `select`, the bulk edit's checkbox (`action.can_bulk`, checked when
    in `selected`); its link (code and title, struck through when cancelled), its outcomes (when `outcomes`:
    prefetched), lead department, accountable person, due date (overdue marked), status badge and percent
    complete."""
    shared = _page(context)
    title = format_html("<del>{}</del>", action.title) if action.status == "cancelled" else action.title
    code = f"{action.code} " if action.code else ""
    cells = [_select(action, selected)] if select else []
    cells.append(format_html('<td><a href="{}">{}{}</a></td>', shared["url"](action.pk), code, title))
    if outcomes:
        linked = format_html_join(
            "; ", "{}{}", ((f"{o.code} " if o.code else "", o.statement) for o in action.outcomes.all())
        )
        cells.append(format_html('<td class="small">{}</td>', linked or "—"))
    accountable = action.accountable.display_name if action.accountable_id else ""
    cells.append(
        format_html(
            "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
            action.lead_department.code,
            accountable or "—",
            _due(action, shared),
            status_badge(action.status, tones.label(action.status), tones),
            percent(action.percent_complete),
        )
    )
    return mark_safe("".join(cells))


def _plan_page(context) -> dict:
    """What every plan row of one render shares: choice labels, status words and the plan URL's pattern."""
    return shared_by_rows(
        context,
        "plans_plan_rows",
        lambda: {
            "scopes": {value: str(label) for value, label in Plan.Scope.choices},
            "statuses": {value: str(label) for value, label in Plan.Status.choices},
            "url": url_pattern("plans:plan_detail"),
        },
    )


@register.simple_tag(takes_context=True)
def plan_cells(context, plan, tones) -> SafeString:
    """The <td> cells of a plan's row on the plan list: title (a link), scope, departments, period, status, actions
    (with how many are at risk and off track, by the legend's labels) and the average percent complete."""
    shared = _plan_page(context)
    codes = ", ".join(d.code for d in plan.departments.all()) or "—"
    actions = localize(plan.n_total)
    if plan.n_at_risk or plan.n_off_track:
        actions = format_html(
            '{} <span class="small">({} {}, {} {})</span>',
            actions,
            localize(plan.n_at_risk),
            tones.label("at_risk"),
            localize(plan.n_off_track),
            tones.label("off_track"),
        )
    average = "—"
    if plan.avg_percent is not None:
        average = gettext("%(p)s average of %(n)s reporting") % {
            "p": percent(plan.avg_percent, 0),
            "n": localize(plan.n_reporting),
        }
    return format_html(
        '<td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}–{}</td><td>{}</td><td>{}</td><td>{}</td>',
        shared["url"](plan.pk),
        plan.title,
        shared["scopes"].get(plan.scope, plan.scope),
        codes,
        localize(plan.period_start.year),
        localize(plan.period_end.year),
        badge(shared["statuses"].get(plan.status, plan.status), "info"),
        actions,
        average,
    )
