"""Sending a worksheet's data-by-race table to a plan indicator: one number column, one year, every row's group
matched to the city's groups as the plans upload matches them; all values saved or none (ADR 0039)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from equity.audit import audited_save
from equity.concurrency import lock_for_edit
from equity.models import User
from plans.group_names import GroupNames, normalise
from plans.models import Indicator, IndicatorDataPoint
from plans.permissions import can_edit_indicator
from plans.services.indicator_uploads import Choice, group_alias_remember
from plans.services.indicators import indicator_values_record
from tools.answer_rules import TamperedAnswer
from tools.data_tables import DataTable, Preview, data_table, table_preview
from tools.models import Answer, Assessment, Question
from tools.permissions import can_send_table

REASON_MAX = 100  # the history rows' change reason column (an ellipsis shows a shortened one)


@dataclass(frozen=True)
class SendRequest:
    """What the person chose: the table and its number column, the indicator, the year, the rows of one name of
    the table's indicator column (or all), and the versions of the table and indicator their preview showed."""

    question: Question
    column: str
    indicator: Indicator
    year: int
    label: str = ""
    answer_version: int | None = None
    indicator_version: int | None = None


def table_for_sending(*, assessment: Assessment, question: Question, column: str | None = None) -> DataTable:
    """The data table of a question of this assessment's template (and a number column of it when given); any
    other question or column is tampering (400)."""
    table = data_table(question)
    if table is None or question.step.template_id != assessment.template_id:
        raise TamperedAnswer("not a data table of this assessment")
    if column is not None and column not in table.column_labels:
        raise TamperedAnswer("not a number column of the table")
    return table


def table_rows(*, assessment: Assessment, question: Question) -> tuple[list, int]:
    """The table answer's rows and version (no answer: no rows, version 0)."""
    answer = Answer.objects.filter(assessment=assessment, question=question).first()
    rows = answer.value if answer is not None and isinstance(answer.value, list) else []
    return rows, answer.version if answer is not None else 0


def current_values(*, indicator: Indicator, year: int) -> dict[int, Decimal]:
    """The indicator's values for a year by group id (what the preview says a row replaces)."""
    points = IndicatorDataPoint.objects.filter(indicator=indicator, year=year)
    return dict(points.values_list("group_id", "value"))


def send_preview(
    *, assessment: Assessment, request: SendRequest, rows: list, choices: dict[str, Choice] | None = None
) -> Preview:
    """The preview of a send with the person's group choices applied (three queries: groups, aliases, values)."""
    table = table_for_sending(assessment=assessment, question=request.question, column=request.column)
    mapping = {key: (c.group.pk if c.group is not None else None) for key, c in (choices or {}).items()}
    names = GroupNames.load(source=request.indicator.data_source)
    preview = table_preview(
        table=table,
        rows=rows,
        column=request.column,
        year=request.year,
        names=names,
        mapping=mapping,
        existing=current_values(indicator=request.indicator, year=request.year),
        label=request.label,
    )
    for name in preview.unknown.values():
        name.suggestions = names.suggest(name.text)
    return preview


@transaction.atomic
def table_send_to_indicator(
    *, assessment: Assessment, author: User, request: SendRequest, choices: dict[str, Choice]
) -> Preview:
    """Save the previewed values as the indicator's data for the year, remembering the group names mapped as the
    indicator's source's aliases; record the sending in the worksheet's and the indicator's history. A stale table
    or indicator (changed since the preview), a name left unmapped, two rows for one group or nothing to send
    refuses the whole send."""
    if not can_send_table(author, assessment) or not can_edit_indicator(author, request.indicator):
        raise PermissionDenied
    table = table_for_sending(assessment=assessment, question=request.question, column=request.column)
    answer = Answer.objects.filter(assessment=assessment, question=request.question).first()
    if answer is None:
        raise ValidationError(_("The table has no rows to send."))
    answer = lock_for_edit(obj=answer, revision=request.answer_version, what=_("the table"))
    preview = send_preview(assessment=assessment, request=request, rows=list(answer.value or []), choices=choices)
    if preview.unknown:
        names = ", ".join(name.text for name in preview.unknown.values())
        raise ValidationError(_("Choose the city's group for: %(names)s.") % {"names": names})
    if preview.errors:
        raise ValidationError(preview.errors)
    if not preview.values:
        raise ValidationError(_("No row has a number to send for these choices."))
    source = request.indicator.data_source
    for key, choice in choices.items():
        name = next((row.group_text for row in preview.rows if normalise(row.group_text) == key), None)
        if choice.group is not None and name:
            group_alias_remember(author=author, source=source, alias=name, group=choice.group)
    column_label = table.column_labels[request.column]
    params = {
        "code": request.question.code,
        "column": column_label,
        "n": len(preview.values),
        "year": request.year,
        "indicator": request.indicator.name,
        "dept": assessment.department.name,
    }
    # The indicator's history is read by all staff: it names the department, not a possibly confidential title.
    indicator_reason = ngettext(
        "%(n)d value for %(year)d from a racial equity assessment of %(dept)s (table %(code)s, %(column)s).",
        "%(n)d values for %(year)d from a racial equity assessment of %(dept)s (table %(code)s, %(column)s).",
        len(preview.values),
    )
    indicator_values_record(
        author=author,
        indicator=request.indicator,
        version=request.indicator_version,
        year=request.year,
        values=preview.values,
        reason=Truncator(indicator_reason % params).chars(REASON_MAX),
    )
    worksheet = Assessment.objects.select_for_update().get(pk=assessment.pk)
    reason = ngettext(
        "Table %(code)s (%(column)s): %(n)d value for %(year)d sent to the indicator “%(indicator)s”.",
        "Table %(code)s (%(column)s): %(n)d values for %(year)d sent to the indicator “%(indicator)s”.",
        len(preview.values),
    )
    audited_save(
        worksheet, author=author, reason=Truncator(reason % params).chars(REASON_MAX), update_fields=["updated_at"]
    )
    return preview
