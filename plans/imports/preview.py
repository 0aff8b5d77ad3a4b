"""The preview of a plan import: every row checked and matched to the plan's results, outcomes and actions, with
what would be created or changed, field by field, and a token of the plan's state the apply step compares.

Matching: each level by its reference code when the row has one; otherwise a result by its statement within the
plan, an outcome by its statement within its result, an action by its title within the plan (case, spacing and
punctuation folded). A record named on several rows (an action under
two outcomes, a result repeated on each of its actions' rows) must have the same values on each.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.imports.codecs import KEEP, CellError, Lookups, load_co_leads, normalise
from plans.imports.columns import ACTION, BY_KEY, COLUMNS, LEVELS, OUTCOME, RESULT, Column, identifying, title_of
from plans.imports.reader import Sheet
from plans.models import Action, ActionStatus, Outcome, Plan, Result
from plans.models.links import LINKS_PER_ACTION

MAX_CHECK_SECONDS = 30
LINKS = "links"
CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


@dataclass(frozen=True)
class RowError:
    """One problem in the file: line number (1 = header), the column's header as written, and what is wrong."""

    line: int
    column: str
    message: str


@dataclass(frozen=True)
class FieldChange:
    column: str
    old: str
    new: str


@dataclass
class Change:
    """One result, outcome or action the file names: created, updated or unchanged, with the values the file gives
    (by column key), the existing record (None for a new one) and the changed fields."""

    level: str
    key: tuple[str, ...]
    line: int
    label: str
    record: models.Model | None
    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # column key -> the line that first gave it
    outcome_keys: list[tuple[str, ...]] = field(default_factory=list)  # actions: the outcomes named with it
    new_links: list[tuple[str, ...]] = field(default_factory=list)  # actions: those of them it is not linked to yet
    parent: tuple[str, ...] | None = None  # outcomes: the key of the result named on its row
    changes: list[FieldChange] = field(default_factory=list)
    kind: str = UNCHANGED


@dataclass
class Preview:
    changes: list[Change] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    token: str = ""
    rows: int = 0

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    @property
    def created(self) -> int:
        return self.count(CREATE)

    @property
    def updated(self) -> int:
        return self.count(UPDATE)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)


@dataclass
class PlanState:
    """The plan's results, outcomes and actions, loaded in a fixed number of queries, indexed by reference code and
    by title (an outcome's title within its result)."""

    plan: Plan
    by_code: dict[str, dict[str, Any]]  # level -> code -> record
    by_title: dict[str, dict[tuple[Any, ...], Any]]  # level -> (parent id, normalised title) -> record
    links: set[tuple[int, int]]  # (action id, outcome id)
    all: dict[str, list[Any]]

    @classmethod
    def load(cls, plan: Plan) -> PlanState:
        results = list(Result.objects.filter(plan=plan).order_by("sort_order", "pk"))
        outcomes = list(
            Outcome.objects.filter(result__plan=plan).select_related("department", "result").order_by("sort_order")
        )
        actions = list(
            Action.objects.filter(plan=plan)
            .select_related("lead_department", "accountable", "priority", "effort", "impact")
            .order_by("pk")
        )
        load_co_leads(actions, plan.pk)
        links = set(Action.outcomes.through.objects.filter(action__plan=plan).values_list("action_id", "outcome_id"))
        by_code: dict[str, dict[str, Any]] = {level: {} for level in LEVELS}
        by_title: dict[str, dict[tuple[Any, ...], Any]] = {level: {} for level in LEVELS}
        levels: tuple[tuple[str, list[Any]], ...] = ((RESULT, results), (OUTCOME, outcomes), (ACTION, actions))
        for level, records in levels:
            title = title_of(level)
            for record in reversed(records):  # the first of equal titles wins
                if record.code:
                    by_code[level][record.code] = record
                parent = record.result_id if level == OUTCOME else None
                by_title[level][(parent, normalise(title.format(title.read(record))))] = record
        return cls(
            plan=plan, by_code=by_code, by_title=by_title, links=links,
            all={RESULT: results, OUTCOME: outcomes, ACTION: actions},
        )  # fmt: skip

    def find(self, level: str, code: str, title: str, parent: Any) -> Any:
        """The record a row names: by its code; else (or when no record has that code yet) by its title within the
        parent, if that record has no code of its own."""
        if code and code in self.by_code[level]:
            return self.by_code[level][code]
        found = self.by_title[level].get((parent, title)) if title else None
        if found is not None and code and found.code:
            return None
        return found

    def token(self) -> str:
        """Changes whenever the plan, or any of its results, outcomes or actions, or their links, is saved."""
        digest = hashlib.sha256(f"plan:{self.plan.pk}:{self.plan.version}".encode())
        for kind, level in (("r", RESULT), ("o", OUTCOME), ("a", ACTION)):
            for record in sorted(self.all[level], key=lambda r: r.pk):
                digest.update(f"{kind}{record.pk}:{record.updated_at.isoformat()};".encode())
        for link in sorted(self.links):
            digest.update(f"l{link};".encode())
        return digest.hexdigest()


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, models.Model) or isinstance(new, models.Model):
        return getattr(old, "pk", None) == getattr(new, "pk", None)
    if isinstance(old, tuple | list) or isinstance(new, tuple | list):
        return {getattr(o, "pk", o) for o in old or ()} == {getattr(n, "pk", n) for n in new or ()}
    return old == new


def _text(column: Column, value: Any) -> str:
    return column.format(value)


class _Builder:
    def __init__(self, *, state: PlanState, sheet: Sheet, keys: list[str], lookups: Lookups):
        self.state, self.sheet, self.lookups = state, sheet, lookups
        self.used = [(i, BY_KEY[k]) for i, k in enumerate(keys) if k]
        self.header_of = {BY_KEY[k].key: sheet.header[i] for i, k in enumerate(keys) if k}
        self.seen: dict[str, dict[tuple[str, ...], Change]] = {level: {} for level in LEVELS}
        self.preview = Preview(rows=len(sheet.rows))
        self.bad_cells: set[tuple[int, str]] = set()  # (line, column key) of cells that could not be read
        self.today = timezone.localdate()

    def error(self, line: int, key: str, message: str) -> None:
        self.preview.errors.append(RowError(line, self.header_of.get(key, str(BY_KEY[key].header)), message))

    def run(self) -> Preview:
        started = time.monotonic()
        for count, (line, cells) in enumerate(self.sheet.rows):
            if count % 250 == 0 and time.monotonic() - started > MAX_CHECK_SECONDS:
                message = _("Checking the file took more than %(s)d seconds; split it into smaller files.")
                raise ValidationError(message % {"s": MAX_CHECK_SECONDS})
            self.row(line, cells)
        for level in LEVELS:
            claimed: dict[int, Change] = {}
            for change in self.seen[level].values():
                if change.record is not None:
                    first = claimed.setdefault(change.record.pk, change)
                    if first is not change:
                        message = _(
                            "This row names the same %(level)s as line %(line)d in another way (code or title)."
                        )
                        self.error(change.line, identifying(level).key, message % {"level": level, "line": first.line})
                self.compare(change)
                self.preview.changes.append(change)
        self.preview.token = self.state.token()
        return self.preview

    def row(self, line: int, cells: list[str]) -> None:
        values: dict[str, dict[str, Any]] = {level: {} for level in LEVELS}
        for index, column in self.used:
            try:
                value = column.parse_cell(cells[index], self.lookups)
            except CellError as exc:
                self.error(line, column.key, str(exc))
                self.bad_cells.add((line, column.key))
                continue
            if value is not KEEP:
                values[column.level][column.key] = value
        names: dict[str, tuple[str, str]] = {}  # level -> (code, normalised title)
        for level in LEVELS:
            code = values[level].get(identifying(level).key) or ""
            title = normalise(str(values[level].get(title_of(level).key, "")))
            names[level] = (code, title)
            named = {identifying(level).key, title_of(level).key}
            given = [k for k, v in values[level].items() if k not in named and v not in ("", None)]
            if given and not (code or title):
                message = _("This row fills %(level)s columns but leaves both %(code)s and %(title)s empty.")
                params = {"level": level, "code": identifying(level).header, "title": title_of(level).header}
                self.error(line, title_of(level).key, message % params)
        result_key: tuple[str, ...] | None = None
        result: Change | None = None
        if any(names[RESULT]):
            code, title = names[RESULT]
            result_key = ("c", code) if code else ("t", title)
            result = self.merge(RESULT, result_key, line, values[RESULT], self.state.find(RESULT, code, title, None))
        outcome_key: tuple[str, ...] | None = None
        if any(names[OUTCOME]):
            code, title = names[OUTCOME]
            if not code and result_key is None:
                message = _("An outcome without a code is found within its result: give the %(col)s on this row.")
                self.error(line, title_of(RESULT).key, message % {"col": title_of(RESULT).header})
                return
            parent = getattr(result.record, "pk", None) if result is not None else None
            outcome_key = ("c", code) if code else (*(result_key or ()), "t", title)
            record = self.state.find(OUTCOME, code, title, parent) if (code or parent) else None
            outcome = self.merge(OUTCOME, outcome_key, line, values[OUTCOME], record)
            if outcome.parent is None and result_key is not None:
                outcome.parent = result_key
        if any(names[ACTION]):
            code, title = names[ACTION]
            action_key = ("c", code) if code else ("t", title)
            action = self.merge(ACTION, action_key, line, values[ACTION], self.state.find(ACTION, code, title, None))
            if outcome_key is not None and outcome_key not in action.outcome_keys:
                action.outcome_keys.append(outcome_key)

    def merge(self, level: str, key: tuple[str, ...], line: int, values: dict[str, Any], record: Any) -> Change:
        change = self.seen[level].get(key)
        if change is None:
            label = values.get(title_of(level).key) or values.get(identifying(level).key) or ""
            change = Change(level=level, key=key, line=line, label=label, record=record)
            self.seen[level][key] = change
        elif not change.label:
            change.label = values.get(title_of(level).key) or change.label
        for column_key, value in values.items():
            if column_key not in change.values or change.values[column_key] == "":
                change.values[column_key] = value
                change.lines[column_key] = line
            elif value != "" and not _same(change.values[column_key], value) and not BY_KEY[column_key].identifies:
                message = _("“%(new)s” differs from line %(line)d (“%(old)s”) for the same %(level)s.")
                column = BY_KEY[column_key]
                params = {
                    "new": _text(column, value), "line": change.lines[column_key],
                    "old": _text(column, change.values[column_key]), "level": level,
                }  # fmt: skip
                self.error(line, column_key, message % params)
        return change

    def compare(self, change: Change) -> None:
        record = change.record
        if record is None:
            change.kind = CREATE
            for column in COLUMNS:
                missing = column.required_new and not change.values.get(column.key)
                if column.level == change.level and missing and (change.line, column.key) not in self.bad_cells:
                    message = _("A new %(level)s needs a value in this column.") % {"level": change.level}
                    self.error(change.line, column.key, message)
            if change.level == OUTCOME and change.parent is None:
                message = _("A new outcome needs its result on its row.")
                self.error(change.line, title_of(RESULT).key, message)
            change.changes = [
                FieldChange(str(BY_KEY[k].header), "", _text(BY_KEY[k], v))
                for k, v in change.values.items()
                if v not in ("", None, ())
            ]
        else:
            for key, value in change.values.items():
                column = BY_KEY[key]
                old = column.read(record)
                if key == LINKS:  # links are added, never removed: only those not there yet are a change
                    added = tuple(link for link in value if link not in old)
                    if len(old) + len(added) > LINKS_PER_ACTION:
                        message = _("An action has at most %(n)d links.") % {"n": LINKS_PER_ACTION}
                        self.error(change.lines.get(key, change.line), key, message)
                    if added:
                        change.changes.append(FieldChange(str(column.header), "", "+ " + _text(column, added)))
                    continue
                if not _same(old, value):
                    change.changes.append(FieldChange(str(column.header), _text(column, old), _text(column, value)))
        if change.level == ACTION:
            self.compare_links(change)
            self.check_action(change)
        if change.level == OUTCOME:
            level = change.values.get("outcome_level", getattr(record, "level", Outcome.Level.JURISDICTION))
            department = change.values.get("outcome_department", getattr(record, "department", None))
            if level == Outcome.Level.DEPARTMENT and department is None:
                self.error(change.line, "outcome_department", _("A department-level outcome needs its department."))
        if record is not None and change.changes:
            change.kind = UPDATE

    def compare_links(self, change: Change) -> None:
        record = change.record
        for key in change.outcome_keys:
            outcome = self.seen[OUTCOME][key].record
            if record is not None and outcome is not None and (record.pk, outcome.pk) in self.state.links:
                continue
            change.new_links.append(key)
            label = self.seen[OUTCOME][key].label
            change.changes.append(FieldChange(str(_("Outcome")), "", "+ " + label))

    def check_action(self, change: Change) -> None:
        record = change.record
        values = change.values
        start = values.get("start_date", getattr(record, "start_date", None))
        due = values.get("due_date", getattr(record, "due_date", None))
        if start and due and due < start:
            line = change.lines.get("due_date", change.line)
            self.error(line, "due_date", _("The due date cannot be before the start date."))
        lead = values.get("lead_department", getattr(record, "lead_department", None))
        co_leads = values.get("co_lead_departments")
        if lead is not None and isinstance(co_leads, tuple) and lead in co_leads:
            line = change.lines.get("co_lead_departments", change.line)
            self.error(line, "co_lead_departments", _("The lead department is not also a co-lead."))
        status = values.get("status", getattr(record, "status", None))
        if status == ActionStatus.CANCELLED and getattr(record, "status", None) != ActionStatus.CANCELLED:
            if not values.get("cancelled_reason"):
                message = _("A cancelled action needs its reason in the column “%(col)s”.")
                self.error(
                    change.lines.get("status", change.line), "status", message % {"col": _("Reason for cancelling")}
                )
        as_of = values.get("status_as_of")
        if as_of and as_of > self.today:
            self.error(
                change.lines.get("status_as_of", change.line), "status_as_of", _("The date cannot be in the future.")
            )


def build_preview(*, plan: Plan, sheet: Sheet, keys: list[str], lookups: Lookups | None = None) -> Preview:
    """Check every row and say what applying the file would do; nothing is saved."""
    state = PlanState.load(plan)
    builder = _Builder(state=state, sheet=sheet, keys=keys, lookups=lookups or Lookups.load())
    preview = builder.run()
    preview.errors.sort(key=lambda e: e.line)
    return preview
