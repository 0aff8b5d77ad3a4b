"""The column registry of the plan spreadsheet: one entry per column, naming its header and aliases, how a cell
is parsed (with a message a person can act on), how a value is written back as text, and which record field it
sets. The import, the mapping step, the empty template and the plan export all read this one list, so adding a
field to the spreadsheet is one `Column(...)` entry here (and, for a new kind of value, one codec).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from equity.models import Department, User
from plans.models import Action, ActionStatus, Outcome, Result, ScaleLevel

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
RESULT, OUTCOME, ACTION = "result", "outcome", "action"
LEVELS = (RESULT, OUTCOME, ACTION)


class CellError(ValueError):
    """A cell that cannot be read; the message says what is wrong and what would be right."""


def normalise(text: str) -> str:
    """Case, spacing and punctuation folded, for matching headers and names: "Lead  Dept." → "lead dept"."""
    return " ".join(re.sub(r"[^\w%]+", " ", text.casefold()).split())


@dataclass
class Lookups:
    """Everything a cell may name, loaded once per file (bulk look-ups, not one query per row)."""

    departments: dict[str, Department] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    scales: dict[str, list[ScaleLevel]] = field(default_factory=dict)  # kind -> levels in order

    @classmethod
    def load(cls) -> Lookups:
        departments: dict[str, Department] = {}
        for d in Department.objects.all():
            departments[normalise(d.name)] = d
            if d.code:
                departments.setdefault(normalise(d.code), d)
        users = {u.email.casefold(): u for u in User.objects.filter(is_active=True).exclude(email="")}
        scales: dict[str, list[ScaleLevel]] = {}
        for level in ScaleLevel.objects.order_by("kind", "order", "pk"):
            scales.setdefault(level.kind, []).append(level)
        return cls(departments=departments, users=users, scales=scales)


# Codecs: parse(text, lookups) -> value (raises CellError) and format(value) -> text. Empty cells are handled by
# the column (blank value or "not given") before the codec sees them.
Parse = Callable[[str, Lookups], Any]
Format = Callable[[Any], str]


def text_codec(max_length: int | None) -> tuple[Parse, Format]:
    def parse(text: str, lookups: Lookups) -> str:
        if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
            text = text[1:]  # the apostrophe a CSV export puts before text a spreadsheet would run as a formula
        if max_length is not None and len(text) > max_length:
            raise CellError(_("At most %(n)d characters (this has %(m)d).") % {"n": max_length, "m": len(text)})
        return text

    return parse, lambda value: value or ""


def choice_codec(choices: type[models.TextChoices]) -> tuple[Parse, Format]:
    """A choice by its label ("On track") or its stored value ("on_track"), in any case."""

    def parse(text: str, lookups: Lookups) -> str:
        key = normalise(text)
        for value, label in choices.choices:
            if key in (normalise(str(value)), normalise(str(label))):
                return str(value)
        allowed = ", ".join(str(label) for _value, label in choices.choices)
        raise CellError(_("“%(v)s” is not one of: %(allowed)s.") % {"v": text, "allowed": allowed})

    def format_(value: Any) -> str:
        return str(choices(value).label) if value in choices.values else str(value or "")

    return parse, format_


def scale_codec(kind: str) -> tuple[Parse, Format]:
    """A level of a configurable scale (priority, effort, impact) by its label, in any case."""

    def parse(text: str, lookups: Lookups) -> ScaleLevel:
        levels = lookups.scales.get(kind, [])
        for level in levels:
            if normalise(level.label) == normalise(text):
                return level
        allowed = ", ".join(level.label for level in levels) or _("(no levels set up)")
        raise CellError(_("“%(v)s” is not a level of this scale: %(allowed)s.") % {"v": text, "allowed": allowed})

    return parse, lambda value: value.label if value else ""


DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%d %B %Y", "%B %d, %Y")


def _parse_date(text: str, lookups: Lookups) -> date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()  # noqa: DTZ007  # a calendar date, no time zone
        except ValueError:
            continue
    if re.fullmatch(r"\d{4}-\d{2}-\d{2} 00:00:00", text):  # an Excel date read back with its midnight
        return date.fromisoformat(text[:10])
    raise CellError(_("“%(v)s” is not a date; write it as YYYY-MM-DD, e.g. 2026-06-30.") % {"v": text})


def _format_date(value: date | None) -> str:
    return value.isoformat() if value else ""


def _parse_money(text: str, lookups: Lookups) -> Decimal:
    cleaned = text.replace("$", "").replace(",", "").replace("\u00a0", "").replace(" ", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise CellError(_("“%(v)s” is not an amount of dollars, e.g. 25000 or $25,000.00.") % {"v": text}) from None
    if not value.is_finite() or value < 0 or value >= Decimal("1e12"):
        raise CellError(_("“%(v)s” must be between 0 and 999,999,999,999.99 dollars.") % {"v": text})
    return value.quantize(Decimal("0.01"))


def _format_money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _parse_percent(text: str, lookups: Lookups) -> int:
    cleaned = text.replace("%", "").replace("\u00a0", "").strip()
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        message = _("“%(v)s” is not a percentage; write a whole number from 0 to 100, e.g. 20 %%.")
        raise CellError(message % {"v": text}) from None
    if number != number.to_integral_value() or not 0 <= number <= 100:
        raise CellError(_("“%(v)s” must be a whole number from 0 to 100.") % {"v": text})
    return int(number)


def _format_percent(value: int | None) -> str:
    return "" if value is None else f"{value} %"


def _parse_department(text: str, lookups: Lookups) -> Department:
    found = lookups.departments.get(normalise(text))
    if found is None:
        raise CellError(_("No department is named or coded “%(v)s”.") % {"v": text})
    return found


def _format_department(value: Department | None) -> str:
    return value.name if value else ""


def _parse_user(text: str, lookups: Lookups) -> User:
    found = lookups.users.get(text.strip().casefold())
    if found is None:
        raise CellError(_("No active portal user has the email address “%(v)s”.") % {"v": text})
    return found


def _format_user(value: User | None) -> str:
    return value.email if value else ""


@dataclass(frozen=True)
class Column:
    """One spreadsheet column: `key` is stable (stored in remembered mappings); `attr` is the record field the
    value is read from and written to; `required_new` means a new record needs it; `key_of_level` marks the column
    that identifies the record of its level (matched within its parent)."""

    key: str
    level: str
    attr: str
    header: Any  # a lazy translated string
    parse: Parse
    format: Format
    aliases: tuple[str, ...] = ()
    required_new: bool = False
    identifies: bool = False  # one column per level; switch it to the reference code column once codes exist
    default: Any = None  # the value of an empty cell ("" for text; None leaves the field as it is)

    def names(self) -> list[str]:
        return [normalise(str(self.header)), normalise(self.key), *(normalise(a) for a in self.aliases)]

    def read(self, obj: models.Model) -> Any:
        return getattr(obj, self.attr)

    def parse_cell(self, text: str, lookups: Lookups) -> Any:
        """The value of a cell; an empty cell is the column's default."""
        if not text:
            return self.default
        return self.parse(text, lookups)


def _text(key, level, attr, header, model, aliases=(), **kw) -> Column:
    max_length = getattr(model._meta.get_field(attr), "max_length", None)
    parse, format_ = text_codec(max_length)
    return Column(key, level, attr, header, parse, format_, tuple(aliases), default="", **kw)


# Headers are lazy: translated when shown, not at import time.
COLUMNS: list[Column] = [
    _text("result", RESULT, "statement", gettext_lazy("Result"), Result, ("focus area", "result statement", "goal"),
          required_new=True, identifies=True),
    Column("result_area", RESULT, "area", gettext_lazy("Result area"), *choice_codec(Result.Area), ("area",)),
    _text("result_description", RESULT, "description", gettext_lazy("Result description"), Result),
    _text("outcome", OUTCOME, "statement", gettext_lazy("Outcome"), Outcome, ("objective", "outcome statement"),
          required_new=True, identifies=True),
    Column("outcome_level", OUTCOME, "level", gettext_lazy("Outcome level"), *choice_codec(Outcome.Level), ("level",)),
    Column("outcome_department", OUTCOME, "department", gettext_lazy("Outcome department"),
           _parse_department, _format_department),
    _text("action", ACTION, "title", gettext_lazy("Action"), Action, ("action title", "strategy", "activity"),
          required_new=True, identifies=True),
    _text("description", ACTION, "description", gettext_lazy("Description"), Action, ("action description",)),
    Column("lead_department", ACTION, "lead_department", gettext_lazy("Lead department"), _parse_department,
           _format_department, ("lead", "department", "dept", "lead dept"), required_new=True),
    Column("accountable", ACTION, "accountable", gettext_lazy("Accountable (email)"), _parse_user, _format_user,
           ("accountable", "accountable person", "owner", "lead person")),
    _text("partners", ACTION, "partners", gettext_lazy("Partners"), Action, ("partner",)),
    Column("start_date", ACTION, "start_date", gettext_lazy("Start date"), _parse_date, _format_date, ("start",)),
    Column("due_date", ACTION, "due_date", gettext_lazy("Due date"), _parse_date, _format_date,
           ("due", "deadline", "end date")),
    Column("priority", ACTION, "priority", gettext_lazy("Priority"), *scale_codec(ScaleLevel.Kind.PRIORITY)),
    Column("effort", ACTION, "effort", gettext_lazy("Effort"), *scale_codec(ScaleLevel.Kind.EFFORT)),
    _text("expected_impact", ACTION, "expected_impact", gettext_lazy("Expected impact"), Action, ("impact",)),
    _text("staff_time", ACTION, "staff_time", gettext_lazy("Staff time"), Action),
    Column("cost", ACTION, "cost", gettext_lazy("Cost (dollars)"), _parse_money, _format_money, ("cost", "budget")),
    Column("status", ACTION, "status", gettext_lazy("Status"), *choice_codec(ActionStatus), ("current status",)),
    Column("percent_complete", ACTION, "percent_complete", gettext_lazy("Percent complete"), _parse_percent,
           _format_percent,            ("percent", "% complete", "progress")),
]  # fmt: skip

BY_KEY = {c.key: c for c in COLUMNS}
# Written and read through a progress update (plans.services.actions.update_post), not the action form.
PROGRESS_KEYS = ("status", "percent_complete")


def columns_of(level: str, keys: Iterable[str]) -> list[Column]:
    return [BY_KEY[k] for k in keys if BY_KEY[k].level == level]


def identifying(level: str) -> Column:
    return next(c for c in COLUMNS if c.level == level and c.identifies)
