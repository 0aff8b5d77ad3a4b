"""Completion by workforce attribute (race/ethnicity self-identified, job class): counts only, with small cells
suppressed (ADR 0041). A figure below `SMALL_CELL` is shown as "fewer than 5"; then complementary suppression hides
more figures until no row or column of the table has exactly one hidden figure, so no hidden figure can be worked
out from the totals. Shown to the equity team only, when the city records the attributes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from equity import permissions as core
from equity.models import Department, StaffAttributes, User
from equity.workforce import race_ethnicity_choices, workforce_enabled
from training.models import Module
from training.selectors import completed_user_ids, required_audience_q

SMALL_CELL = 5


@dataclass(frozen=True)
class Figure:
    value: int
    suppressed: bool

    @property
    def text(self) -> str:
        return _("fewer than 5") if self.suppressed else str(self.value)


@dataclass(frozen=True)
class GroupRow:
    label: str
    completed: Figure
    outstanding: Figure
    total: Figure


@dataclass(frozen=True)
class GroupTable:
    title: str
    rows: list[GroupRow]
    totals: GroupRow


def suppression(counts: list[tuple[int, int]]) -> list[list[bool]]:
    """Which figures to hide in a table of (completed, outstanding) rows with row totals and a totals row: a grid
    of (rows + 1) × 3 flags. Primary: every figure below SMALL_CELL (zero included). Complementary: while a row or
    column has exactly one hidden figure, also hide its smallest other figure (a cell before a total)."""
    grid = [[c, o, c + o] for c, o in counts]
    grid.append([sum(r[0] for r in grid), sum(r[1] for r in grid), sum(r[2] for r in grid)])
    hidden = [[value < SMALL_CELL for value in row] for row in grid]
    last = len(grid) - 1
    lines = [[(i, 0), (i, 1), (i, 2)] for i in range(len(grid))]
    lines += [[(i, j) for i in range(len(grid))] for j in range(3)]
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(hidden[i][j] for i, j in line) != 1:
                continue
            shown = [(i, j) for i, j in line if not hidden[i][j]]
            if not shown:
                continue
            # Prefer a cell to a total (a hidden total says less), then the smallest figure.
            i, j = min(shown, key=lambda ij: (ij[1] == 2 or ij[0] == last, grid[ij[0]][ij[1]]))
            hidden[i][j] = True
            changed = True
    return hidden


def suppressed_table(*, title: str, labelled: list[tuple[str, int, int]], total_label: str) -> GroupTable:
    """A table of (label, completed, outstanding) rows with figures below five hidden (and their complements)."""
    hidden = suppression([(c, o) for _label, c, o in labelled])
    rows = []
    for index, (label, c, o) in enumerate(labelled):
        flags = hidden[index]
        rows.append(GroupRow(label, Figure(c, flags[0]), Figure(o, flags[1]), Figure(c + o, flags[2])))
    tc, to = sum(r[1] for r in labelled), sum(r[2] for r in labelled)
    flags = hidden[-1]
    totals = GroupRow(total_label, Figure(tc, flags[0]), Figure(to, flags[1]), Figure(tc + to, flags[2]))
    return GroupTable(title, rows, totals)


def sees_workforce_counts(user: User) -> bool:
    return workforce_enabled() and core.can_edit_staff_attributes(user)


def workforce_tables(
    *,
    module: Module,
    departments: list[Department],
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[GroupTable]:
    """For one module, over the departments' active staff it is required of: completed and still to complete, by
    race/ethnicity and by job class (two queries)."""
    dept_ids = [d.pk for d in departments]
    audience = required_audience_q(module=module) or Q()
    members = User.objects.filter(departments__in=dept_ids).values("pk")
    people = User.objects.filter(audience, is_active=True, pk__in=members)
    done = Q(pk__in=completed_user_ids(module=module, date_from=date_from, date_to=date_to))
    tables = []
    for title, column, labels in (
        (_("By race/ethnicity (self-identified)"), "staff_attributes__race_ethnicity", dict(race_ethnicity_choices())),
        (_("By job class"), "staff_attributes__job_class", {}),
    ):
        found: dict[str, list[int]] = {}
        for row in people.order_by().values(column).annotate(total=Count("pk"), completed=Count("pk", filter=done)):
            key = row[column] or StaffAttributes.NOT_RECORDED
            counts = found.setdefault(key, [0, 0])
            counts[0] += row["completed"]
            counts[1] += row["total"] - row["completed"]
        keys = list(labels) if labels else sorted(k for k in found if k) + [StaffAttributes.NOT_RECORDED]
        keys += [k for k in found if k not in keys]
        not_recorded = _("Not recorded")
        labelled: list[tuple[str, int, int]] = []
        for key in keys:
            completed, outstanding = found.get(key, [0, 0])
            labelled.append((str(labels.get(key, key) or not_recorded), completed, outstanding))
        tables.append(suppressed_table(title=title, labelled=labelled, total_label=_("All")))
    return tables
