"""Writes to indicators and their data: create, edit, link to results, and the year × group grid (the CSV upload is
in plans/services/indicator_uploads.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from equity.audit import attribute_changes, audited_delete, audited_save
from equity.concurrency import lock_for_edit
from equity.models import User
from plans.models import Indicator, IndicatorDataPoint, RacialGroup, Result
from plans.permissions import can_edit_indicator

INDICATOR_FIELDS = (
    "name", "definition", "unit", "data_source", "direction", "decimal_places", "notes", "baseline_value",
    "baseline_year", "target_value", "target_year", "story", "values_are_counts", "sort_order",
)  # fmt: skip
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_PEOPLE = 1_000_000_000  # people counted behind one value: more than any city's population or sample


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
    attribute_changes(current, author=author)
    current.results.add(result)
    return current


@transaction.atomic
def indicator_unlink(*, author: User, indicator: Indicator, result: Result) -> Indicator:
    """Stop a result using an indicator; the indicator and its data stay (other plans may use them)."""
    current = lock_for_edit(obj=indicator, revision=None)
    if not current.results.filter(pk=result.pk).exists():
        raise ValidationError(_("This result does not use this indicator."))
    attribute_changes(current, author=author)
    current.results.remove(result)
    return current


def _bump(*, indicator: Indicator, author: User, version: int | None, reason: str | None = None) -> Indicator:
    current = lock_for_edit(obj=indicator, revision=version)
    current.version += 1
    audited_save(current, author=author, reason=reason, update_fields=["version", "updated_at"])
    return current


def _apply(
    *, indicator: Indicator, author: User, cells: Mapping[tuple[int, int], Cell], keep_people: bool = False
) -> int:
    """Upsert (value, margin of error, note, people counted) per (year, group id); a None value deletes the point.
    `keep_people`: a value replaced keeps the number of people it had (the caller did not say). Returns the number
    of changes."""
    existing = {(p.year, p.group_id): p for p in indicator.data_points.all()}
    to_create, to_update, to_delete = [], [], []
    for (year, group_id), cell in cells.items():
        point = existing.get((year, group_id))
        if cell.value is None:
            if point is not None:
                to_delete.append(point.pk)
        elif point is None:
            to_create.append(
                IndicatorDataPoint(
                    indicator=indicator,
                    year=year,
                    group_id=group_id,
                    value=cell.value,
                    margin_of_error=cell.moe,
                    note=cell.note,
                    people=cell.people,
                )
            )
        else:
            people = point.people if keep_people else cell.people
            if (point.value, point.margin_of_error, point.note, point.people) != (
                cell.value,
                cell.moe,
                cell.note,
                people,
            ):
                point.value, point.margin_of_error, point.note, point.people = cell.value, cell.moe, cell.note, people
                to_update.append(point)
    if to_create:
        bulk_create_with_history(to_create, IndicatorDataPoint, default_user=author)
    if to_update:
        fields = ["value", "margin_of_error", "note", "people"]
        bulk_update_with_history(to_update, IndicatorDataPoint, fields, default_user=author)
    if to_delete:
        for point in IndicatorDataPoint.objects.filter(pk__in=to_delete):
            audited_delete(point, author=author)
    return len(to_create) + len(to_update) + len(to_delete)


@transaction.atomic
def indicator_data_save(
    *,
    author: User,
    indicator: Indicator,
    version: int | None,
    values: dict[tuple[int, int], Decimal | None],
    margins: dict[tuple[int, int], Decimal | None] | None = None,
    people: dict[tuple[int, int], int | None] | None = None,
) -> int:
    """Save the data grid: a value per (year, group id), None for an empty cell (which removes the point), and
    optionally a margin of error and the number of people counted per cell (each kept as it was when its mapping is
    not given)."""
    current = _bump(indicator=indicator, author=author, version=version)
    errors = {}
    for key, value in values.items():
        year, group_id = key
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValidationError(_("Years must be between %(a)d and %(b)d.") % {"a": MIN_YEAR, "b": MAX_YEAR})
        moe = (margins or {}).get(key)
        if moe is not None and moe < 0:
            errors[f"m_{year}_{group_id}"] = _("A margin of error cannot be negative.")
        elif moe is not None and value is None:
            errors[f"m_{year}_{group_id}"] = _("A margin of error needs its value.")
        counted = (people or {}).get(key)
        if counted is not None and not 0 <= counted <= MAX_PEOPLE:
            errors[f"p_{year}_{group_id}"] = _("People counted: a whole number from 0 to %(max)s.") % {
                "max": f"{MAX_PEOPLE:,}"
            }
        elif counted is not None and value is None:
            errors[f"p_{year}_{group_id}"] = _("A number of people counted needs its value.")
    if errors:
        raise ValidationError(errors)
    old = {(p.year, p.group_id): p for p in current.data_points.all()}
    cells = {}
    for key, value in values.items():
        point = old.get(key)
        moe = margins.get(key) if margins is not None else (point.margin_of_error if point else None)
        cells[key] = Cell(value, moe, point.note if point else "", (people or {}).get(key))
    return _apply(indicator=current, author=author, cells=cells, keep_people=people is None)


@transaction.atomic
def indicator_values_record(
    *, author: User, indicator: Indicator, version: int | None, year: int, values: Mapping[int, Decimal], reason: str
) -> int:
    """Save one year's values by group id from another record (a worksheet's data table), as an upload does: under
    the indicator's lock, refusing a stale version, replacing that year's value of each group given (other groups
    and years stay), adding the groups to the indicator's set, with `reason` on the indicator's history row.
    Returns the number of values saved."""
    if not can_edit_indicator(author, indicator):
        raise PermissionDenied
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError({"year": _("Years must be between %(a)d and %(b)d.") % {"a": MIN_YEAR, "b": MAX_YEAR}})
    if not values:
        raise ValidationError(_("There is no value to save."))
    current = _bump(indicator=indicator, author=author, version=version, reason=reason)
    old = {p.group_id: p for p in current.data_points.filter(year=year)}
    cells = {}
    for group_id, value in values.items():
        point = old.get(group_id)  # a value replaced keeps its margin of error and note
        cells[(year, group_id)] = Cell(value, point.margin_of_error if point else None, point.note if point else "")
    _apply(indicator=current, author=author, cells=cells, keep_people=True)
    new_groups = set(values) - set(current.groups.values_list("pk", flat=True))
    if new_groups:
        current.groups.add(*new_groups)  # one history row, by `author` (set by _bump's audited_save)
    return len(values)


@dataclass(frozen=True)
class Cell:
    """What one (year, group) of an indicator holds: the value (None: no value), its margin of error, a note and how
    many people it is based on (the public site suppresses small numbers)."""

    value: Decimal | None
    moe: Decimal | None = None
    note: str = ""
    people: int | None = None


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
        self.unknown_names: list[str] = []
        super().__init__(
            ngettext(
                "The file has %(n)d problem; nothing was imported.",
                "The file has %(n)d problems; nothing was imported.",
                len(errors),
            )
            % {"n": len(errors)}
        )
