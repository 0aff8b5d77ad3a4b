"""Writes to indicators and their data: the period × group grid and CSV import (all rows valid, or none saved)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from equity.audit import audited_delete, audited_save
from equity.concurrency import lock_for_edit
from equity.models import User
from equity.uploads import read_csv_upload
from plans.models import Indicator, IndicatorDataPoint, RacialGroup, Result

INDICATOR_FIELDS = (
    "name", "definition", "unit", "data_source", "direction", "decimal_places", "notes", "baseline_value",
    "baseline_year", "target_value", "target_year", "story", "sort_order",
)  # fmt: skip
CSV_COLUMNS = ("year", "group", "value")
CSV_OPTIONAL = ("note",)
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_ABS_VALUE = Decimal("999999999999")


def _check_indicator(fields: dict) -> None:
    base, target = fields.get("baseline_year"), fields.get("target_year")
    if base and target and target < base:
        raise ValidationError({"target_year": _("The target year cannot be before the baseline year.")})


@transaction.atomic
def indicator_create(
    *, author: User, result: Result | None = None, groups: Iterable[RacialGroup] | None = None, **fields
) -> Indicator:
    """Add a city-wide indicator, used from the start by `result` when one is given."""
    _check_indicator(fields)
    indicator = Indicator(**fields)
    audited_save(indicator, author=author)
    if groups is not None:
        indicator.groups.set(groups)  # the history row of this change names `author` (set by audited_save)
    if result is not None:
        indicator.results.add(result)
    return indicator


@transaction.atomic
def indicator_update(
    *, author: User, indicator: Indicator, version: int | None, groups: Iterable[RacialGroup] | None = None, **fields
) -> Indicator:
    """Change an indicator's definition, display, source groups, baseline, target or story, refusing a stale form."""
    current = lock_for_edit(obj=indicator, revision=version)
    _check_indicator({f: getattr(current, f) for f in INDICATOR_FIELDS} | fields)
    for name in INDICATOR_FIELDS:
        if name in fields:
            setattr(current, name, fields[name])
    current.version += 1
    audited_save(current, author=author)
    if groups is not None and {g.pk for g in groups} != set(current.groups.values_list("pk", flat=True)):
        current.groups.set(groups)
    return current


@transaction.atomic
def indicator_link(*, author: User, indicator: Indicator, result: Result) -> Indicator:
    """Let a plan's result use an existing indicator (audited on the indicator's history)."""
    current = lock_for_edit(obj=indicator, revision=None)
    if current.results.filter(pk=result.pk).exists():
        raise ValidationError(_("This result already uses this indicator."))
    current._history_user = author  # type: ignore[attr-defined]  # read by django-simple-history's m2m record
    current.results.add(result)
    return current


@transaction.atomic
def indicator_unlink(*, author: User, indicator: Indicator, result: Result) -> Indicator:
    """Stop a result using an indicator; the indicator and its data stay (other plans may use them)."""
    current = lock_for_edit(obj=indicator, revision=None)
    if not current.results.filter(pk=result.pk).exists():
        raise ValidationError(_("This result does not use this indicator."))
    current._history_user = author  # type: ignore[attr-defined]  # read by django-simple-history's m2m record
    current.results.remove(result)
    return current


def _bump(*, indicator: Indicator, author: User, version: int | None) -> Indicator:
    current = lock_for_edit(obj=indicator, revision=version)
    current.version += 1
    audited_save(current, author=author, update_fields=["version", "updated_at"])
    return current


def _apply(*, indicator: Indicator, author: User, cells: dict[tuple[int, int], tuple[Decimal | None, str]]) -> int:
    """Upsert (value, note) per (year, group id); a None value deletes the point. Returns the number of changes."""
    existing = {(p.year, p.group_id): p for p in indicator.data_points.all()}
    to_create, to_update, to_delete = [], [], []
    for (year, group_id), (value, note) in cells.items():
        point = existing.get((year, group_id))
        if value is None:
            if point is not None:
                to_delete.append(point.pk)
        elif point is None:
            to_create.append(
                IndicatorDataPoint(indicator=indicator, year=year, group_id=group_id, value=value, note=note)
            )
        elif point.value != value or point.note != note:
            point.value, point.note = value, note
            to_update.append(point)
    if to_create:
        bulk_create_with_history(to_create, IndicatorDataPoint, default_user=author)
    if to_update:
        bulk_update_with_history(to_update, IndicatorDataPoint, ["value", "note"], default_user=author)
    if to_delete:
        for point in IndicatorDataPoint.objects.filter(pk__in=to_delete):
            audited_delete(point, author=author)
    return len(to_create) + len(to_update) + len(to_delete)


@transaction.atomic
def indicator_data_save(
    *, author: User, indicator: Indicator, version: int | None, values: dict[tuple[int, int], Decimal | None]
) -> int:
    """Save the data grid: a value per (year, group id), None for an empty cell (which removes the point)."""
    current = _bump(indicator=indicator, author=author, version=version)
    for year, _group in values:
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValidationError(_("Years must be between %(a)d and %(b)d.") % {"a": MIN_YEAR, "b": MAX_YEAR})
    notes = {(p.year, p.group_id): p.note for p in current.data_points.all()}
    return _apply(indicator=current, author=author, cells={k: (v, notes.get(k, "")) for k, v in values.items()})


@dataclass(frozen=True)
class RowError:
    """One problem in an uploaded file: line number (1 = header), column, and what is wrong."""

    line: int
    column: str
    message: str


class ImportRefused(ValidationError):
    """The upload had errors; nothing was imported."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__(_("The file has %(n)d problem(s); nothing was imported.") % {"n": len(errors)})


def _parse_number(text: str) -> Decimal:
    cleaned = text.replace(",", "").replace("%", "").strip()
    value = Decimal(cleaned)
    if not value.is_finite() or abs(value) > MAX_ABS_VALUE:
        raise InvalidOperation
    return value


def parse_indicator_csv(*, upload: UploadedFile) -> dict[tuple[int, int], tuple[Decimal, str]]:
    """Check the whole file and return its cells; raises ImportRefused with every error found, by line and column."""
    table = read_csv_upload(upload, max_rows=5000)
    header = [h.lower() for h in table.header]
    missing = [c for c in CSV_COLUMNS if c not in header]
    unknown = [h for h in table.header if h.lower() not in CSV_COLUMNS + CSV_OPTIONAL]
    errors: list[RowError] = []
    if missing:
        errors.append(RowError(1, ", ".join(missing), _("Missing column(s); the header must be: year,group,value")))
    if unknown:
        errors.append(RowError(1, ", ".join(unknown), _("Unknown column(s); allowed: year, group, value, note")))
    if errors:
        raise ImportRefused(errors)
    groups: dict[str, int] = {}
    for group in RacialGroup.objects.filter(is_active=True):
        groups[group.code.lower()] = group.pk
        groups[group.name.lower()] = group.pk
    cells: dict[tuple[int, int], tuple[Decimal, str]] = {}
    seen: dict[tuple[int, int], int] = {}
    for line, raw in table.rows:
        row = {k.lower(): v for k, v in raw.items()}
        year = group_id = value = None
        try:
            year = int(row["year"])
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise ValueError
        except ValueError:
            errors.append(RowError(line, "year", _("“%(v)s” is not a year (e.g. 2024).") % {"v": row["year"]}))
        group_id = groups.get(row["group"].lower())
        if group_id is None:
            errors.append(RowError(line, "group", _("Unknown group “%(v)s”.") % {"v": row["group"]}))
        try:
            value = _parse_number(row["value"])
        except (InvalidOperation, ValueError):
            errors.append(RowError(line, "value", _("“%(v)s” is not a number.") % {"v": row["value"]}))
        note = row.get("note", "")[:200]
        if year is not None and group_id is not None:
            if (year, group_id) in seen:
                message = _("Duplicate of line %(line)d (same year and group).") % {"line": seen[(year, group_id)]}
                errors.append(RowError(line, "year, group", message))
            else:
                seen[(year, group_id)] = line
                if value is not None:
                    cells[(year, group_id)] = (value, note)
    if not table.rows:
        errors.append(RowError(2, "", _("The file has a header but no data rows.")))
    if errors:
        raise ImportRefused(errors)
    return cells


@transaction.atomic
def indicator_data_import(*, author: User, indicator: Indicator, version: int | None, upload: UploadedFile) -> int:
    """Import a CSV of year,group,value[,note]; every row is checked first and nothing is saved if any is wrong."""
    cells = parse_indicator_csv(upload=upload)
    current = _bump(indicator=indicator, author=author, version=version)
    _apply(indicator=current, author=author, cells=cells)
    return len(cells)
