"""The cells of an assessment's row on the assessment list, written in Python: the markup the row template had, at a
fraction of its cost (two dozen template nodes a row, 25 rows a page, were a third of the page's time; ADR 0067 did
the same for the plans app's long tables)."""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_pattern
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from equity.markup import format_html, shared_by_rows, url_pattern
from equity.templatetags.portal import badge
from tools.models import Assessment

register = template.Library()


def _page(context) -> dict:
    """What every row of one render shares: the decision types' labels, "Confidential", the detail URL's pattern."""
    return shared_by_rows(
        context,
        "tools_rows",
        lambda: {
            "types": {value: str(label) for value, label in Assessment.DecisionType.choices},
            "confidential": format_html(' <span class="badge text-bg-light border">{}</span>', gettext("Confidential")),
            "url": url_pattern("tools:assessment_detail"),
        },
    )


@register.simple_tag(takes_context=True)
def assessment_cells(context, assessment: Assessment) -> SafeString:
    """The <td> cells of an assessment's row: its title (a link, "Confidential" marked), type of decision,
    department, lead, status as this person sees it (`tools.worklist`: text and tone) and the time of its last
    change. The list's query selects the department and the lead; `attach_worklist` has set `worklist`."""
    shared = _page(context)
    changed = timezone.localtime(assessment.updated_at)
    status = assessment.worklist  # type: ignore[attr-defined]  # set by attach_worklist, display only
    return format_html(
        '<td><a href="{}">{}</a>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
        '<td><time datetime="{}">{}</time></td>',
        shared["url"](assessment.pk),
        assessment.title,
        shared["confidential"] if assessment.confidential else "",
        shared["types"].get(assessment.decision_type, assessment.decision_type),
        assessment.department.name,
        assessment.lead.display_name,
        badge(status.label, status.tone),
        date_pattern(changed, r"Y-m-d\TH:i:sO"),
        date_format(changed, "SHORT_DATE_FORMAT"),
    )
