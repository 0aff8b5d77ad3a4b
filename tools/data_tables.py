"""Reading a worksheet's "data by race" table for a plan indicator: which tables qualify, and the preview of what
sending one column of it would save (each row's group as the city's group, its number, or why it is skipped).

A data table is a table question with a group column (key ``group``, a choice of racial/ethnic groups, or a column
of type ``group``) and at least one number column besides a ``year`` column. Group names are matched exactly as the
plans app matches an indicator upload's (`plans.group_names.GroupNames`, ADR 0036): codes, names, remembered
aliases; the rest the person maps or leaves out. Pure functions: the callers load the names and current values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from plans.group_names import GroupNames, normalise
from plans.models import RacialGroup
from plans.services.indicator_uploads import MAX_ABS_VALUE, UnknownName
from tools.cells import cell_is_not_stated, cell_number, cell_text
from tools.models import Question

GROUP_KEY, YEAR_KEY, LABEL_KEY = "group", "year", "indicator"


@dataclass(frozen=True)
class DataTable:
    """Where a data table keeps its groups and numbers: the group column, the number columns that can be sent
    (key, label), and the optional year and indicator-name columns that say which rows belong together."""

    group_key: str
    number_columns: list[tuple[str, str]]
    year_key: str | None = None
    label_key: str | None = None

    @property
    def column_labels(self) -> dict[str, str]:
        return dict(self.number_columns)


def data_table(question: Question) -> DataTable | None:
    """The data-table reading of a question, or None when it is not a table of numbers by group."""
    if question.type != Question.Type.TABLE:
        return None
    columns = [c for c in question.columns if isinstance(c, dict)]
    group = next(
        (c for c in columns if c.get("type") == "group" or (c.get("key") == GROUP_KEY and c.get("type") == "choice")),
        None,
    )
    numbers = [(c["key"], str(c.get("label") or c["key"])) for c in columns if c.get("type") == "number"]
    sendable = [(key, label) for key, label in numbers if key != YEAR_KEY]
    if group is None or not sendable:
        return None
    keys = {c.get("key") for c in columns}
    return DataTable(
        group_key=group["key"],
        number_columns=sendable,
        year_key=YEAR_KEY if YEAR_KEY in dict(numbers) else None,
        label_key=LABEL_KEY if LABEL_KEY in keys else None,
    )


def row_labels(*, table: DataTable, rows: list) -> list[str]:
    """The distinct names in the table's indicator column, in order (to send the rows of one indicator only)."""
    if table.label_key is None:
        return []
    seen: dict[str, str] = {}
    for row in rows:
        text = cell_text(row.get(table.label_key)) if isinstance(row, dict) else ""
        if text:
            seen.setdefault(normalise(text), text)
    return list(seen.values())


class RowState:
    SEND = "send"
    SKIPPED = "skipped"
    UNMAPPED = "unmapped"
    LEFT_OUT = "left_out"
    DUPLICATE = "duplicate"


@dataclass
class PreviewRow:
    """One table row as it would be sent: its number (1 = first row), the group as typed and as the city's group,
    the value as typed and as a number, the current value it replaces, and its state with the reason."""

    number: int
    group_text: str
    value_text: str
    state: str
    reason: str = ""
    group: RacialGroup | None = None
    value: Decimal | None = None
    current: Decimal | None = None


@dataclass
class Preview:
    """Every row, the group names still to map (as the plans upload lists them), the values to save by group id,
    and the duplicate errors that block sending."""

    rows: list[PreviewRow] = field(default_factory=list)
    unknown: dict[str, UnknownName] = field(default_factory=dict)
    values: dict[int, Decimal] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.state in (RowState.SKIPPED, RowState.LEFT_OUT)]


def _skip_reason(*, table: DataTable, row: dict, year: int, label: str) -> str:
    """Why a row does not belong to the chosen indicator and year ("" when it does)."""
    if label and table.label_key and normalise(cell_text(row.get(table.label_key))) != normalise(label):
        return _("For another indicator (“%(name)s”).") % {"name": cell_text(row.get(table.label_key)) or "—"}
    if table.year_key:
        row_year = cell_number(row.get(table.year_key))
        if row_year is not None and row_year != year:
            return _("For %(year)s, not %(chosen)s.") % {"year": row_year, "chosen": year}
    return ""


def _value(raw: object) -> tuple[Decimal | None, str]:
    """The number of a value cell, or None with the reason it is skipped."""
    if cell_is_not_stated(raw):
        return None, _("Not stated.")
    text = cell_text(raw)
    if not text:
        return None, _("No value.")
    number = cell_number(raw)
    if number is None:
        return None, _("“%(text)s” is not one number (a range or words are not sent).") % {"text": text}
    if abs(number) > MAX_ABS_VALUE:
        return None, _("The number is too large for an indicator.")
    return number, ""


def table_preview(
    *,
    table: DataTable,
    rows: list,
    column: str,
    year: int,
    names: GroupNames,
    mapping: dict[str, int | None] | None = None,
    existing: dict[int, Decimal] | None = None,
    label: str = "",
) -> Preview:
    """What sending `column` of `rows` for `year` would save. `mapping` gives the person's choice for names the
    portal does not know (normalised name → group id, None to leave the rows out); `existing` the indicator's
    current values for that year by group id; `label` limits the rows to one name of the indicator column."""
    out = Preview()
    mapping, existing = mapping or {}, existing or {}
    groups = {g.pk: g for g in names.groups}
    first_row: dict[int, int] = {}
    for number, row in enumerate(rows, start=1):
        row = row if isinstance(row, dict) else {}
        group_text, raw = cell_text(row.get(table.group_key)), row.get(column)
        item = PreviewRow(number, group_text, cell_text(raw), RowState.SEND)
        out.rows.append(item)
        item.value, reason = _value(raw)
        reason = _skip_reason(table=table, row=row, year=year, label=label) or reason
        if not reason and cell_is_not_stated(row.get(table.group_key)):
            reason = _("Group not stated.")
        if not reason and not group_text:
            reason = _("No group.")
        if reason:
            item.state, item.reason, item.value = RowState.SKIPPED, reason, None
            continue
        key = normalise(group_text)
        item.group = names.resolve(group_text)
        if item.group is None and key in mapping:
            chosen = mapping[key]
            if chosen is None:
                item.state, item.reason = RowState.LEFT_OUT, _("Left out, as you chose.")
                continue
            item.group = groups.get(chosen)
        if item.group is None:
            item.state, item.reason = RowState.UNMAPPED, _("Choose the city's group for this name below.")
            name = out.unknown.setdefault(key, UnknownName(group_text, key, 0, number))
            name.rows += 1
            continue
        if item.group.pk in first_row:
            item.state = RowState.DUPLICATE
            item.reason = _("Row %(first)d gives %(group)s already; keep one of them in the table.") % {
                "first": first_row[item.group.pk],
                "group": item.group.name,
            }
            out.errors.append(_("Row %(row)d: %(reason)s") % {"row": number, "reason": item.reason})
            continue
        first_row[item.group.pk] = number
        item.current = existing.get(item.group.pk)
        out.values[item.group.pk] = item.value  # type: ignore[assignment]  # a SEND row always has its number
    return out
