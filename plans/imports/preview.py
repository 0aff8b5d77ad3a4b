"""The preview of a plan import: every row checked and matched to the plan's results, outcomes and actions, with
what would be created or changed, field by field, and a token of the plan's state the apply step compares.

Matching: a result by its statement within the plan, an outcome by its statement within its result, an action by
its title within the plan (case, spacing and punctuation folded). A record named on several rows (an action under
two outcomes, a result repeated on each of its actions' rows) must have the same values on each.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from plans.imports.columns import (
    ACTION,
    BY_KEY,
    COLUMNS,
    LEVELS,
    OUTCOME,
    RESULT,
    CellError,
    Column,
    Lookups,
    identifying,
    normalise,
)
from plans.imports.reader import Sheet
from plans.models import Action, Outcome, Plan, Result

MAX_CHECK_SECONDS = 30
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
    outcome_keys: list[tuple[str, str]] = field(default_factory=list)  # actions: the outcomes named with it
    new_links: list[tuple[str, str]] = field(default_factory=list)  # actions: those of them it is not linked to yet
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
    """The plan's results, outcomes and actions, loaded in a fixed number of queries and indexed by match key."""

    plan: Plan
    results: dict[tuple[str, ...], Result]
    outcomes: dict[tuple[str, ...], Outcome]
    actions: dict[tuple[str, ...], Action]
    links: set[tuple[int, int]]  # (action id, outcome id)

    @classmethod
    def load(cls, plan: Plan) -> PlanState:
        results = list(Result.objects.filter(plan=plan).order_by("sort_order", "pk"))
        outcomes = list(
            Outcome.objects.filter(result__plan=plan).select_related("department", "result").order_by("sort_order")
        )
        actions = list(Action.objects.filter(plan=plan).select_related("lead_department", "accountable").order_by("pk"))
        links = set(Action.outcomes.through.objects.filter(action__plan=plan).values_list("action_id", "outcome_id"))

        def key(level: str, record: models.Model) -> str:  # the identifying column's value, as the file gives it
            return normalise(identifying(level).format(identifying(level).read(record)))

        return cls(
            plan=plan,
            results={(key(RESULT, r),): r for r in reversed(results)},
            outcomes={(key(RESULT, o.result), key(OUTCOME, o)): o for o in reversed(outcomes)},
            actions={(key(ACTION, a),): a for a in reversed(actions)},
            links=links,
        )

    def records(self, level: str) -> dict[tuple[str, ...], Any]:
        return {RESULT: self.results, OUTCOME: self.outcomes, ACTION: self.actions}[level]  # type: ignore[return-value]

    def token(self) -> str:
        """Changes whenever the plan, or any of its results, outcomes or actions, or their links, is saved."""
        digest = hashlib.sha256(f"plan:{self.plan.pk}:{self.plan.version}".encode())
        for kind, records in (("r", self.results), ("o", self.outcomes), ("a", self.actions)):
            for record in sorted(records.values(), key=lambda r: r.pk):
                digest.update(f"{kind}{record.pk}:{record.updated_at.isoformat()};".encode())
        for link in sorted(self.links):
            digest.update(f"l{link};".encode())
        return digest.hexdigest()


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, models.Model) or isinstance(new, models.Model):
        return getattr(old, "pk", None) == getattr(new, "pk", None)
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
            for change in self.seen[level].values():
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
            if value is not None:
                values[column.level][column.key] = value
        result_name, outcome_name, action_name = (
            normalise(str(values[level].get(identifying(level).key, ""))) for level in LEVELS
        )
        for level, name in ((RESULT, result_name), (OUTCOME, outcome_name), (ACTION, action_name)):
            ident = identifying(level)
            given = [k for k, v in values[level].items() if k != ident.key and v not in ("", None)]
            if given and not name:
                message = _("This row fills %(col)s columns but leaves %(col)s empty.")
                self.error(line, ident.key, message % {"col": ident.header})
        if outcome_name and not result_name:
            message = _("An outcome is found within its result: give the %(col)s on this row.")
            self.error(line, identifying(RESULT).key, message % {"col": identifying(RESULT).header})
            return
        if result_name:
            self.merge(RESULT, (result_name,), line, values[RESULT])
        if outcome_name:
            self.merge(OUTCOME, (result_name, outcome_name), line, values[OUTCOME])
        if action_name:
            action = self.merge(ACTION, (action_name,), line, values[ACTION])
            if outcome_name and (result_name, outcome_name) not in action.outcome_keys:
                action.outcome_keys.append((result_name, outcome_name))

    def merge(self, level: str, key: tuple[str, ...], line: int, values: dict[str, Any]) -> Change:
        existing = self.state.records(level)
        change = self.seen[level].get(key)
        if change is None:
            ident = identifying(level).key
            change = Change(level=level, key=key, line=line, label=values[ident], record=existing.get(key))
            self.seen[level][key] = change
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
            change.changes = [
                FieldChange(str(BY_KEY[k].header), "", _text(BY_KEY[k], v))
                for k, v in change.values.items()
                if v not in ("", None)
            ]
        else:
            for key, value in change.values.items():
                column = BY_KEY[key]
                old = column.read(record)
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
            outcome = self.state.outcomes.get(key)
            if record is not None and outcome is not None and (record.pk, outcome.pk) in self.state.links:
                continue
            change.new_links.append(key)
            label = self.seen[OUTCOME][key].label
            change.changes.append(FieldChange(str(_("Outcome")), "", "+ " + label))

    def check_action(self, change: Change) -> None:
        record = change.record
        start = change.values.get("start_date", getattr(record, "start_date", None))
        due = change.values.get("due_date", getattr(record, "due_date", None))
        if start and due and due < start:
            line = change.lines.get("due_date", change.line)
            self.error(line, "due_date", _("The due date cannot be before the start date."))


def build_preview(*, plan: Plan, sheet: Sheet, keys: list[str], lookups: Lookups | None = None) -> Preview:
    """Check every row and say what applying the file would do; nothing is saved."""
    state = PlanState.load(plan)
    builder = _Builder(state=state, sheet=sheet, keys=keys, lookups=lookups or Lookups.load())
    preview = builder.run()
    preview.errors.sort(key=lambda e: e.line)
    return preview
