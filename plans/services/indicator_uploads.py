"""The indicator CSV upload: check the whole file, map the group names a source uses to the portal's groups (and
remember them), then save every value in one transaction, or nothing.

Steps (ADR 0036): `indicator_upload_start` checks the file; when every group name is known it saves at once,
otherwise it keeps the file in an `IndicatorUpload` row and the user maps the unknown names
(`indicator_upload_review` lists them with suggestions); `indicator_upload_finish` adds any new groups (equity team),
remembers the chosen names as aliases of the source and saves the data. A refusal at any step saves nothing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from equity.audit import audited_save
from equity.models import User
from equity.permissions import is_equity_team
from equity.uploads import CsvTable, decode_csv_upload, read_csv_text
from plans.group_names import GroupNames, Suggestion, alias_lookup, normalise
from plans.models import GroupAlias, Indicator, IndicatorUpload, RacialGroup
from plans.models.indicators import PENDING_UPLOAD_LIFETIME
from plans.services.indicators import MAX_PEOPLE, MAX_YEAR, MIN_YEAR, Cell, ImportRefused, RowError, _apply, _bump

MAX_UPLOAD_BYTES = 1024 * 1024
MAX_UPLOAD_ROWS = 5000
MAX_CHECK_SECONDS = 10
MAX_ABS_VALUE = Decimal("999999999999")
MAX_NOTE = 200

REQUIRED = ("year", "group", "value")
MOE_COLUMNS = ("moe", "margin_of_error")
# How many people a value is based on (the public site suppresses small numbers): "people" or a name sources use.
PEOPLE_COLUMNS = ("people", "n", "count of people", "sample size", "population")
OPTIONAL = ("note", *MOE_COLUMNS, *PEOPLE_COLUMNS)
# The descriptive columns of the portal's own export, so an exported file uploads again as it is.
IGNORED = ("group name", "indicator", "unit")
# Cells that mean "no value" in published tables (suppressed for privacy, not collected): skipped and counted.
NO_VALUE = {"", "n/a", "na", "not stated", "not available", "*", "**", "suppressed", "-", "–", "—"}


@dataclass
class UnknownName:
    """A group name of the file that is no group's code or name and no remembered alias, listed once."""

    text: str
    key: str
    rows: int
    first_line: int
    suggestions: list[Suggestion] = field(default_factory=list)


@dataclass
class CheckedFile:
    """The outcome of checking a file: its cells by (year, group id), the names still to map, every error, and how
    many rows carried no value or were left out by the mapping."""

    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    unknown: dict[str, UnknownName] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    no_value: int = 0
    left_out: int = 0
    has_people: bool = False


@dataclass(frozen=True)
class Choice:
    """What a source's group name maps to: an existing group, a new group (name and code), or neither (its rows
    are left out)."""

    group: RacialGroup | None = None
    new_name: str = ""
    new_code: str = ""


@dataclass(frozen=True)
class UploadOutcome:
    """After a step: the pending upload when names must be mapped first, else how many values were saved, how
    many rows had no value and how many were left out."""

    pending: IndicatorUpload | None = None
    saved: int = 0
    no_value: int = 0
    left_out: int = 0


def parse_number(text: str) -> Decimal:
    """A number as sources print it: "45.2%", "1,234", "$1,234", "±3.1"; raises ValueError otherwise."""
    cleaned = text.strip().lstrip("±+").replace(",", "").replace("%", "").replace("$", "").replace("\u00a0", "")
    try:
        value = Decimal(cleaned.strip())
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite() or abs(value) > MAX_ABS_VALUE:
        raise ValueError(text)
    return value


def _is_no_value(text: str) -> bool:
    return normalise(text) in NO_VALUE


def parse_people(text: str) -> int:
    """A number of people as sources print it ("1,450"): a whole number from 0 to MAX_PEOPLE; ValueError otherwise."""
    cleaned = text.strip().replace(",", "").replace("\u00a0", "")
    if not cleaned.isdigit() or int(cleaned) > MAX_PEOPLE:
        raise ValueError(text)
    return int(cleaned)


def _check_header(table: CsvTable) -> tuple[list[RowError], str | None, str | None]:
    header = [h.lower() for h in table.header]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [h for h in table.header if h.lower() not in REQUIRED + OPTIONAL + IGNORED]
    errors = []
    if missing:
        errors.append(
            RowError(
                1,
                ", ".join(missing),
                ngettext(
                    "Missing column; the header must be: year,group,value",
                    "Missing columns; the header must be: year,group,value",
                    len(missing),
                ),
            )
        )
    if unknown:
        allowed = ", ".join(REQUIRED + OPTIONAL)
        errors.append(
            RowError(
                1,
                ", ".join(unknown),
                ngettext("Unknown column; allowed: %(cols)s", "Unknown columns; allowed: %(cols)s", len(unknown))
                % {"cols": allowed},
            )
        )
    moe = [c for c in MOE_COLUMNS if c in header]
    if len(moe) > 1:
        errors.append(RowError(1, ", ".join(moe), _("Give the margin of error in one column only.")))
    people = [c for c in PEOPLE_COLUMNS if c in header]
    if len(people) > 1:
        errors.append(RowError(1, ", ".join(people), _("Give the number of people counted in one column only.")))
    return errors, (moe[0] if moe else None), (people[0] if people else None)


def _people(row: dict[str, str], column: str | None, line: int, out: CheckedFile) -> int | None:
    """The row's number of people counted (None when the file has no such column or the cell is empty)."""
    raw = row.get(column, "") if column else ""
    if not column or _is_no_value(raw):
        return None
    try:
        return parse_people(raw)
    except ValueError:
        message = _("“%(v)s” is not a number of people (a whole number from 0 to %(max)s).")
        out.errors.append(RowError(line, column, message % {"v": raw, "max": f"{MAX_PEOPLE:,}"}))
        return None


def check_table(
    *, table: CsvTable, names: GroupNames, mapping: dict[str, int | None] | None = None, started: float | None = None
) -> CheckedFile:
    """Check every row: year, group (known, mapped in `mapping`: key → group id or None to leave out, or else
    collected as unknown), value (or a no-value marker), margin of error, note, and duplicates."""
    out = CheckedFile()
    out.errors, moe_column, people_column = _check_header(table)
    out.has_people = people_column is not None
    if out.errors:
        return out
    started = time.monotonic() if started is None else started
    seen: dict[tuple[int, int], int] = {}
    for count, (line, raw) in enumerate(table.rows):
        if count % 250 == 0 and time.monotonic() - started > MAX_CHECK_SECONDS:
            message = _("Checking the file took more than %(s)d seconds; split it into smaller files.")
            raise ValidationError(message % {"s": MAX_CHECK_SECONDS})
        row = {k.lower(): v for k, v in raw.items()}
        year = group_id = value = moe = None
        try:
            year = int(row["year"])
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise ValueError
        except ValueError:
            out.errors.append(RowError(line, "year", _("“%(v)s” is not a year (e.g. 2024).") % {"v": row["year"]}))
        text = row["group"]
        group = names.resolve(text) if text else None
        if not text:
            out.errors.append(RowError(line, "group", _("The group is empty.")))
        elif group is not None:
            group_id = group.pk
        elif mapping is not None and normalise(text) in mapping:
            group_id = mapping[normalise(text)]
            if group_id is None:
                out.left_out += 1
                continue
        else:
            name = out.unknown.setdefault(normalise(text), UnknownName(text, normalise(text), 0, line))
            name.rows += 1
            if mapping is not None:
                out.errors.append(RowError(line, "group", _("Unknown group “%(v)s”.") % {"v": text}))
        if _is_no_value(row["value"]):
            out.no_value += 1
        else:
            try:
                value = parse_number(row["value"])
            except ValueError:
                out.errors.append(RowError(line, "value", _("“%(v)s” is not a number.") % {"v": row["value"]}))
        raw_moe = row.get(moe_column, "") if moe_column else ""
        if not _is_no_value(raw_moe):
            try:
                moe = parse_number(raw_moe)
                if moe < 0:
                    raise ValueError
            except ValueError:
                message = _("“%(v)s” is not a margin of error (a number, zero or more).") % {"v": raw_moe}
                out.errors.append(RowError(line, moe_column or "", message))
        people = _people(row, people_column, line, out)
        note = row.get("note", "")
        if len(note) > MAX_NOTE:
            message = _("The note has %(n)d characters; at most %(max)d.") % {"n": len(note), "max": MAX_NOTE}
            out.errors.append(RowError(line, "note", message))
        if year is not None and group_id is not None:
            if (year, group_id) in seen:
                message = _("Duplicate of line %(line)d (same year and group).") % {"line": seen[(year, group_id)]}
                out.errors.append(RowError(line, "year, group", message))
            else:
                seen[(year, group_id)] = line
                if value is not None:
                    out.cells[(year, group_id)] = Cell(value, moe, note, people)
    if not table.rows:
        out.errors.append(RowError(2, "", _("The file has a header but no data rows.")))
    return out


def _save(*, author: User, indicator: Indicator, version: int | None, checked: CheckedFile) -> int:
    """Write the checked cells and add their groups to the indicator's group set (all under the indicator's lock)."""
    current = _bump(indicator=indicator, author=author, version=version)
    _apply(indicator=current, author=author, cells=checked.cells, keep_people=not checked.has_people)
    new_groups = {group_id for _year, group_id in checked.cells} - set(current.groups.values_list("pk", flat=True))
    if new_groups:
        current.groups.add(*new_groups)  # one history row, by `author` (set by _bump's audited_save)
    return len(checked.cells)


def _read(upload: UploadedFile) -> tuple[str, CsvTable]:
    text = decode_csv_upload(upload, max_bytes=MAX_UPLOAD_BYTES)
    return text, read_csv_text(text, max_rows=MAX_UPLOAD_ROWS)


@transaction.atomic
def indicator_upload_start(
    *, author: User, indicator: Indicator, upload: UploadedFile, source: str, version: int | None
) -> UploadOutcome:
    """Check an uploaded CSV. Any error: ImportRefused listing them all (and nothing kept). Every group name known:
    the values are saved now. Otherwise the file is kept for the mapping step and returned as `pending`."""
    started = time.monotonic()
    text, table = _read(upload)
    checked = check_table(table=table, names=GroupNames.load(source=source), started=started)
    if checked.errors:
        refused = ImportRefused(checked.errors)
        refused.unknown_names = [name.text for name in checked.unknown.values()]  # to map once the file is fixed
        raise refused
    IndicatorUpload.objects.filter(created_at__lt=timezone.now() - PENDING_UPLOAD_LIFETIME).delete()
    IndicatorUpload.objects.filter(indicator=indicator, uploaded_by=author).delete()  # one pending upload at a time
    if checked.unknown:
        pending = IndicatorUpload.objects.create(
            indicator=indicator, uploaded_by=author, file_name=(upload.name or "")[:200], content=text, source=source
        )
        return UploadOutcome(pending=pending, no_value=checked.no_value)
    saved = _save(author=author, indicator=indicator, version=version, checked=checked)
    return UploadOutcome(saved=saved, no_value=checked.no_value)


def indicator_upload_review(*, pending: IndicatorUpload) -> CheckedFile:
    """The kept file checked again, with each unknown name's suggestions (for the mapping page)."""
    names = GroupNames.load(source=pending.source)
    checked = check_table(table=read_csv_text(pending.content, max_rows=MAX_UPLOAD_ROWS), names=names)
    for name in checked.unknown.values():
        name.suggestions = names.suggest(name.text)
    return checked


def group_alias_remember(*, author: User, source: str, alias: str, group: RacialGroup) -> GroupAlias:
    """Remember that `source` calls `group` `alias` (one alias per normalised source and name; a new choice
    replaces an old one, audited)."""
    remembered = GroupAlias.objects.select_for_update().filter(alias_lookup(source=source, alias=alias)).first()
    if remembered is None:
        remembered = GroupAlias(source=source, source_key=normalise(source), alias=alias, alias_key=normalise(alias))
    elif remembered.group_id == group.pk:
        return remembered
    remembered.group = group
    audited_save(remembered, author=author)
    return remembered


def _new_group(*, author: User, name: str, code: str) -> RacialGroup:
    if not is_equity_team(author):
        raise PermissionDenied(_("Only the equity team adds groups."))
    if RacialGroup.objects.filter(name__iexact=name).exists() or RacialGroup.objects.filter(code=code).exists():
        raise ValidationError(_("A group named “%(name)s” or coded “%(code)s” exists.") % {"name": name, "code": code})
    last = RacialGroup.objects.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0
    group = RacialGroup(name=name, code=code, sort_order=min(last + 10, 32767))
    group.full_clean()
    audited_save(group, author=author)
    return group


@transaction.atomic
def indicator_upload_finish(
    *, author: User, pending: IndicatorUpload, version: int | None, choices: dict[str, Choice]
) -> UploadOutcome:
    """Apply the user's choice for every unknown name (new groups need the equity team), remember them as aliases of
    the upload's source, check the whole file again and save it; any error undoes everything, groups and aliases
    included."""
    locked = IndicatorUpload.objects.select_for_update().filter(pk=pending.pk).first()  # a double submit: once
    if locked is None:
        raise ValidationError(_("This upload was imported already or has expired; upload the file again."))
    pending = locked
    names = GroupNames.load(source=pending.source)
    table = read_csv_text(pending.content, max_rows=MAX_UPLOAD_ROWS)
    unknown = check_table(table=table, names=names).unknown
    missing = [name.text for key, name in unknown.items() if key not in choices]
    if missing:
        raise ValidationError(_("Choose a group for: %(names)s.") % {"names": ", ".join(missing)})
    mapping: dict[str, int | None] = {}
    for key, name in unknown.items():
        choice = choices[key]
        group = choice.group
        if choice.new_name:
            group = _new_group(author=author, name=choice.new_name, code=choice.new_code)
        if group is not None:
            group_alias_remember(author=author, source=pending.source, alias=name.text, group=group)
        mapping[key] = group.pk if group is not None else None
    checked = check_table(table=table, names=names, mapping=mapping)
    if checked.errors:
        raise ImportRefused(checked.errors)
    saved = _save(author=author, indicator=pending.indicator, version=version, checked=checked)
    pending.delete()
    return UploadOutcome(saved=saved, no_value=checked.no_value, left_out=checked.left_out)


@transaction.atomic
def indicator_data_import(*, author: User, indicator: Indicator, version: int | None, upload: UploadedFile) -> int:
    """Import a CSV in one step, without mapping: an unknown group name is an error like any other. Returns the
    number of values saved."""
    _text, table = _read(upload)
    checked = check_table(table=table, names=GroupNames.load(source=indicator.data_source), mapping={})
    if checked.errors:
        raise ImportRefused(checked.errors)
    return _save(author=author, indicator=indicator, version=version, checked=checked)
