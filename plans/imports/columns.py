"""The column registry of the plan spreadsheet: one entry per column, naming its header and aliases, how a cell
is parsed (with a message a person can act on), how a value is written back as text, and which record field it
sets. The import, the mapping step, the empty template and the plan export all read this one list, so adding a
field to the spreadsheet is one `Column(...)` entry here (and, for a new kind of value, one codec).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy, override

from plans.imports.codecs import (
    KEEP,
    Format,
    Lookups,
    Parse,
    choice_codec,
    format_date,
    format_department,
    format_departments,
    format_links,
    format_money,
    format_percent,
    format_status,
    format_user,
    normalise,
    parse_code,
    parse_date,
    parse_department,
    parse_departments,
    parse_links,
    parse_money,
    parse_percent,
    parse_status,
    parse_timeline_cell,
    parse_user,
    read_co_leads,
    read_links,
    scale_codec,
    text_codec,
)
from plans.models import Action, Outcome, Result, ScaleLevel

RESULT, OUTCOME, ACTION = "result", "outcome", "action"
LEVELS = (RESULT, OUTCOME, ACTION)


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
    identifies: bool = False  # the level's match key (its reference code): matched by it when the row has one
    title: bool = False  # the level's title, matched within its parent when the row has no code
    default: Any = KEEP  # the value of an empty cell ("" for text; KEEP leaves the field as it is)
    reader: Callable[[models.Model], Any] | None = None  # reads a value that is not a plain attribute (co-leads)

    def names(self) -> list[str]:
        """The headers this column is found by: its header in the active language and in English (exports write
        English headers, ADR 0061), its key and its aliases."""
        with override("en"):
            english = str(self.header)
        return [
            normalise(str(self.header)),
            normalise(english),
            normalise(self.key),
            *(normalise(a) for a in self.aliases),
        ]

    def read(self, obj: models.Model) -> Any:
        return self.reader(obj) if self.reader is not None else getattr(obj, self.attr)

    def parse_cell(self, text: str, lookups: Lookups) -> Any:
        """The value of a cell; an empty cell is the column's default."""
        if not text:
            return self.default
        return self.parse(text, lookups)


def _text(key, level, attr, header, model, aliases=(), **kw) -> Column:
    max_length = getattr(model._meta.get_field(attr), "max_length", None)
    parse, format_ = text_codec(max_length)
    return Column(key, level, attr, header, parse, format_, tuple(aliases), **({"default": ""} | kw))


# Headers are lazy: translated when shown, not at import time.
def _code(key: str, level: str, header: Any, aliases: tuple[str, ...] = ()) -> Column:
    return Column(key, level, "code", header, parse_code, lambda v: v or "", aliases, identifies=True)


COLUMNS: list[Column] = [
    _code("result_code", RESULT, gettext_lazy("Result code"), ("focus area code", "goal code")),
    _text("result", RESULT, "statement", gettext_lazy("Result"), Result, ("focus area", "result statement", "goal"),
          required_new=True, title=True),
    Column("result_area", RESULT, "area", gettext_lazy("Result area"), *choice_codec(Result.Area), ("area",)),
    _text("result_description", RESULT, "description", gettext_lazy("Result description"), Result),
    _code("outcome_code", OUTCOME, gettext_lazy("Outcome code"), ("objective code",)),
    _text("outcome", OUTCOME, "statement", gettext_lazy("Outcome"), Outcome, ("objective", "outcome statement"),
          required_new=True, title=True),
    Column("outcome_level", OUTCOME, "level", gettext_lazy("Outcome level"), *choice_codec(Outcome.Level), ("level",)),
    Column("outcome_department", OUTCOME, "department", gettext_lazy("Outcome department"),
           parse_department, format_department),
    _code("action_code", ACTION, gettext_lazy("Action code"), ("code", "strategy code", "action number")),
    _text("action", ACTION, "title", gettext_lazy("Action"), Action, ("action title", "strategy", "activity"),
          required_new=True, title=True),
    _text("description", ACTION, "description", gettext_lazy("Description"), Action, ("action description",)),
    Column("lead_department", ACTION, "lead_department", gettext_lazy("Lead department"), parse_department,
           format_department, ("lead", "department", "dept", "lead dept"), required_new=True),
    Column("accountable", ACTION, "accountable", gettext_lazy("Accountable (email)"), parse_user, format_user,
           ("accountable", "accountable person", "owner", "lead person")),
    Column("co_lead_departments", ACTION, "co_lead_departments", gettext_lazy("Co-lead departments"),
           parse_departments, format_departments, ("co-leads", "co-lead", "co lead departments"),
           reader=read_co_leads),
    _text("co_lead_teams", ACTION, "co_lead_teams", gettext_lazy("Co-lead teams"), Action, ("co-lead team",)),
    _text("partners", ACTION, "partners", gettext_lazy("Partners"), Action, ("partner",)),
    _text("measure_of_success", ACTION, "measure_of_success", gettext_lazy("Measure of success"), Action,
          ("measures of success", "success measure")),
    Column("timeline", ACTION, "timeline", gettext_lazy("Timeline"), parse_timeline_cell, lambda v: v or "",
           ("timeframe", "time frame", "when"), default=""),
    Column("start_date", ACTION, "start_date", gettext_lazy("Start date"), parse_date, format_date, ("start",)),
    Column("due_date", ACTION, "due_date", gettext_lazy("Due date"), parse_date, format_date,
           ("due", "deadline", "end date")),
    Column("priority", ACTION, "priority", gettext_lazy("Priority"), *scale_codec(ScaleLevel.Kind.PRIORITY)),
    Column("effort", ACTION, "effort", gettext_lazy("Effort"), *scale_codec(ScaleLevel.Kind.EFFORT)),
    Column("impact", ACTION, "impact", gettext_lazy("Impact"), *scale_codec(ScaleLevel.Kind.IMPACT)),
    _text("expected_impact", ACTION, "expected_impact", gettext_lazy("Expected impact"), Action),
    _text("staff_time", ACTION, "staff_time", gettext_lazy("Staff time"), Action),
    Column("cost", ACTION, "cost", gettext_lazy("Cost (dollars)"), parse_money, format_money, ("cost", "budget")),
    Column("status", ACTION, "status", gettext_lazy("Status"), parse_status, format_status, ("current status",)),
    Column("percent_complete", ACTION, "percent_complete", gettext_lazy("Percent complete"), parse_percent,
           format_percent, ("percent", "% complete", "progress"), default=None),  # blank: not reported
    Column("status_as_of", ACTION, "status_as_of", gettext_lazy("Status as of"), parse_date, format_date,
           ("as of", "status date")),
    _text("status_source", ACTION, "status_source", gettext_lazy("Status source"), Action, ("source",)),
    Column("links", ACTION, "links", gettext_lazy("Links"), parse_links, format_links, ("link", "sources"),
           reader=read_links),  # added, never removed, by an import
    _text("cancelled_reason", ACTION, "cancelled_reason", gettext_lazy("Reason for cancelling"), Action,
          ("cancelled reason", "reason cancelled", "withdrawn because"), default=KEEP),
]  # fmt: skip

BY_KEY = {c.key: c for c in COLUMNS}
# Written through a progress update (plans.services.actions.update_post or action_cancel), not the action form.
PROGRESS_KEYS = ("status", "percent_complete", "status_as_of", "status_source", "cancelled_reason")


def columns_of(level: str, keys: Iterable[str]) -> list[Column]:
    return [BY_KEY[k] for k in keys if BY_KEY[k].level == level]


def identifying(level: str) -> Column:
    """The level's match key: its reference code column."""
    return next(c for c in COLUMNS if c.level == level and c.identifies)


def title_of(level: str) -> Column:
    """The level's title column (statement or action title), matched within the parent when a row has no code."""
    return next(c for c in COLUMNS if c.level == level and c.title)
