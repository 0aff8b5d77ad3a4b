"""The completion report: per department, how many staff a module is required of, how many completed it
(derived from attendance), the percentage, and who still needs it. Counts are computed in the database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

from django.conf import settings
from django.db.models import Count, F, Q
from django.utils import formats

from equity import permissions as core
from equity.i18n.numbers import with_percent_sign
from equity.models import Department, User
from equity.selectors import my_departments
from training.completion_counts import AUDIENCE, GroupedCounts, city_counts, department_counts
from training.models import Module
from training.permissions import sees_all_training
from training.selectors import (
    completed_user_ids,
    completion_rollups,
    completions,
    completions_are_rolled_up,
    module_required_for_person,
    required_audience_q,
)


def percent(*, part: int, whole: int) -> Decimal | None:
    """`part` of `whole` as a percentage with one decimal (half up), or None when `whole` is zero."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def number_text(value: int | Decimal, *, decimal: str | None = None) -> str:
    """`value` as a template shows it (`{{ value }}` is localized), without the cost: Django's `localize()` looks the
    language's formats up on every call (about 5 µs; the city-wide report shows 600 figures). With no thousand
    separator an integer is its digits, and a percentage with one decimal needs only the decimal separator
    (`decimal`, when the caller has looked it up already: FigureTexts)."""
    if settings.USE_THOUSAND_SEPARATOR:
        return formats.number_format(value)
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", decimal or formats.get_format("DECIMAL_SEPARATOR"))
    return str(value)


class FigureTexts:
    """The figures of the completion tables as a template shows them (`{{ value }}` localized; a percentage with the
    language's percent sign, or "—" when nobody is required to take the module), for the many figures of one
    render (the city-wide table shows 600): the language's decimal separator and percent pattern looked up once."""

    def __init__(self) -> None:
        self.decimal = formats.get_format("DECIMAL_SEPARATOR")
        self.percent_before, self.percent_after = with_percent_sign("\0").split("\0")

    def number(self, value: int | Decimal) -> str:
        return number_text(value, decimal=self.decimal)

    def percent(self, value: Decimal | None) -> str:
        return "—" if value is None else f"{self.percent_before}{self.number(value)}{self.percent_after}"


@dataclass(frozen=True)
class CompletionCell:
    """One module in one department: staff it is required of, how many completed it and the percentage (computed
    once; the table's texts: training_tags with FigureTexts)."""

    module: Module
    staff: int
    completed: int
    percent: Decimal | None = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "percent", percent(part=self.completed, whole=self.staff))

    @property
    def outstanding(self) -> int:
        return self.staff - self.completed


@dataclass
class CompletionRow:
    department: Department
    staff: int
    cells: list[CompletionCell]
    still_needed: dict[int, list[User]] = field(default_factory=dict)  # module pk -> people

    def still_needed_by_module(self, modules: list[Module]) -> list[tuple[Module, list[User]]]:
        """(module, people) pairs in the report's module order, only where someone still needs it."""
        return [(m, self.still_needed[m.pk]) for m in modules if self.still_needed.get(m.pk)]


# Per department id, and city-wide (each person once), the number of people meeting each named condition.
PeopleMeeting = tuple[dict[int | None, dict[str, int]], dict[str, int]]


@dataclass
class CompletionReport:
    modules: list[Module]
    rows: list[CompletionRow]
    totals: list[CompletionCell]
    date_from: date | None
    date_to: date | None
    with_names: bool = True
    # With `people_conditions` (completion_report_for_user): per department and city-wide, the people who meet each.
    people_meeting: PeopleMeeting | None = None

    @property
    def column_count(self) -> int:
        """The table's columns: department and staff, then required, completed and percentage per module."""
        return 2 + 3 * len(self.modules)

    @property
    def still_needed(self) -> list[tuple[CompletionRow, list[tuple[Module, list[User]]]]]:
        """Per department, the modules someone still needs and who (empty when names were not asked for)."""
        pairs = [(row, row.still_needed_by_module(self.modules)) for row in self.rows]
        return [(row, modules) for row, modules in pairs if modules]


def completion_departments_for_user(*, user: User) -> list[Department]:
    """Departments whose completion the user may see: all (facilitators, equity team) or those they manage."""
    qs = Department.objects.filter(is_active=True).order_by("name")
    if sees_all_training(user):
        return list(qs)
    return list(qs.filter(pk__in=core.managed_department_ids(user)))


def completion_modules() -> list[Module]:
    """The modules the report's filter offers: every active one, by title."""
    return list(Module.objects.filter(is_active=True).order_by("title"))


def report_modules(*, module: Module | None, active: list[Module] | None = None) -> list[Module]:
    """The modules the report covers: the chosen one, or every active required module. `active`:
    `completion_modules`, when the caller has read them already (no query then)."""
    if module is not None:
        return [module]
    if active is not None:
        return [m for m in active if m.required_for != Module.RequiredFor.NONE]
    return list(Module.objects.filter(is_active=True).exclude(required_for=Module.RequiredFor.NONE).order_by("title"))


def _audience(module: Module, prefix: str) -> Q:
    # A module that is not required (chosen explicitly in the filter) is measured against all staff.
    return required_audience_q(module=module, prefix=prefix) or Q()


class Counts(Protocol):
    """Figures per department (None: city-wide, each person once): `GroupedCounts`, or `AnnotatedCounts`."""

    def people(self, department_id: int | None) -> int: ...

    def required(self, department_id: int | None, module: Module) -> int: ...

    def completed(self, department_id: int | None, module: Module) -> int: ...


@dataclass
class AnnotatedCounts:
    """`Counts` from annotated rows (department id, or None city-wide -> "staff", "s<module>" required and
    "c<module>" completed)."""

    rows: dict[int | None, dict[str, int]]

    def people(self, department_id: int | None) -> int:
        return self.rows.get(department_id, {}).get("staff", 0)

    def required(self, department_id: int | None, module: Module) -> int:
        return self.rows.get(department_id, {}).get(f"s{module.pk}", 0)

    def completed(self, department_id: int | None, module: Module) -> int:
        return self.rows.get(department_id, {}).get(f"c{module.pk}", 0)


def _counts_bounded(
    *,
    modules: list[Module],
    dept_ids: list[int],
    date_from: date | None,
    date_to: date | None,
    with_totals: bool,
    narrow: bool,
) -> tuple[Counts, Counts]:
    """Per department and city-wide (each person once) counts for a period bounded on both sides, which only
    attendance answers: two conditional-count queries. `narrow`: look completions up among the departments' members
    only (a manager's or one department's report), not city-wide."""
    membership = User.departments.through.objects.filter(department_id__in=dept_ids, user__is_active=True)
    members = membership.order_by().values("user_id") if narrow else None

    # Each module's completers, one subquery built once and used by both counting queries.
    completers = {
        m.pk: completed_user_ids(module=m, date_from=date_from, date_to=date_to, among=members) for m in modules
    }
    annotations: dict = {"staff": Count("user_id")}
    for m in modules:
        done = Q(user_id__in=completers[m.pk])
        annotations[f"s{m.pk}"] = Count("user_id", filter=_audience(m, "user__"))
        annotations[f"c{m.pk}"] = Count("user_id", filter=_audience(m, "user__") & done)
    counts: dict[int | None, Any] = {}  # department id -> its row of counts (annotated values)
    if dept_ids:
        counts = {
            row["department_id"]: row for row in membership.order_by().values("department_id").annotate(**annotations)
        }

    # City-wide totals count each person once, even when they belong to two departments.
    totals: dict[int | None, dict[str, int]] = {}
    if with_totals and dept_ids and modules:
        total_annotations: dict = {}
        for m in modules:
            done = Q(pk__in=completers[m.pk])
            total_annotations[f"s{m.pk}"] = Count("pk", filter=_audience(m, ""), distinct=True)
            total_annotations[f"c{m.pk}"] = Count("pk", filter=_audience(m, "") & done, distinct=True)
        city = User.objects.filter(is_active=True, departments__in=dept_ids).aggregate(**total_annotations)
        totals = {None: city}
    return AnnotatedCounts(counts), AnnotatedCounts(totals)


def _rolled_up_counts(
    *,
    modules: list[Module],
    dept_ids: list[int],
    date_from: date | None,
    date_to: date | None,
    with_totals: bool,
    people_conditions: Callable[[str], dict[str, Q]] | None = None,
) -> tuple[GroupedCounts, GroupedCounts]:
    """`_counts_bounded`' figures, for a period the roll-up answers, from grouped queries (completion_counts):
    four short queries (two without totals) whatever the number of modules. `people_conditions`: see
    `completion_report_for_user` (counted only with the totals, which carry the city-wide figures)."""
    rollups = completion_rollups(modules=modules, date_from=date_from, date_to=date_to)
    with_totals = with_totals and bool(dept_ids and modules)
    conditions = people_conditions if with_totals else None
    counts = department_counts(dept_ids=dept_ids, rollups=rollups, conditions=conditions and conditions("user__"))
    totals = GroupedCounts()
    if with_totals:
        totals = city_counts(dept_ids=dept_ids, rollups=rollups, conditions=conditions and conditions(""))
    return counts, totals


def completion_report_for_user(
    *,
    user: User,
    module: Module | None = None,
    department: Department | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    with_names: bool = True,
    with_totals: bool = True,
    visible: list[Department] | None = None,
    active: list[Module] | None = None,
    people_conditions: Callable[[str], dict[str, Q]] | None = None,
) -> CompletionReport:
    """The report over the departments the user may see (optionally one), in a fixed number of queries. Without
    `with_totals` (the dashboard panel, which shows only the department rows) the city-wide totals are not counted:
    `totals` is empty, fewer queries. `visible`: `completion_departments_for_user`, when the caller has read it
    already (one query fewer); `active`, `completion_modules` likewise. A period the roll-up answers (every one but
    a period bounded on both sides) is counted by grouped queries (`_rolled_up_counts`); a bounded one aggregates
    attendance (`_counts_bounded`). `people_conditions` (prefix -> name -> condition on users, with that prefix for
    related lookups): where the grouped queries count the totals, they also count the people who meet each
    condition, per department and city-wide (`people_meeting`; None otherwise)."""
    departments = completion_departments_for_user(user=user) if visible is None else visible
    if department is not None:
        departments = [d for d in departments if d.pk == department.pk]
    modules = report_modules(module=module, active=active)
    dept_ids = [d.pk for d in departments]
    counts: Counts
    city: Counts
    people_meeting: PeopleMeeting | None = None
    if completions_are_rolled_up(date_from=date_from, date_to=date_to):
        counts, city = _rolled_up_counts(
            modules=modules,
            dept_ids=dept_ids,
            date_from=date_from,
            date_to=date_to,
            with_totals=with_totals,
            people_conditions=people_conditions,
        )
        if None in city.people_meeting:
            people_meeting = (counts.people_meeting, city.people_meeting[None])
    else:
        narrow = department is not None or not sees_all_training(user)
        counts, city = _counts_bounded(
            modules=modules, dept_ids=dept_ids, date_from=date_from, date_to=date_to, with_totals=with_totals,
            narrow=narrow,
        )  # fmt: skip
    rows = [_row(d, counts, modules) for d in departments]
    totals = [CompletionCell(m, city.required(None, m), city.completed(None, m)) for m in modules if with_totals]
    report = CompletionReport(
        modules=modules,
        rows=rows,
        totals=totals,
        date_from=date_from,
        date_to=date_to,
        with_names=with_names,
        people_meeting=people_meeting,
    )
    if with_names and dept_ids and modules:
        _attach_still_needed(report=report, dept_ids=dept_ids, date_from=date_from, date_to=date_to)
    return report


def department_completion_for_user(*, user: User, active: list[Module]) -> CompletionReport:
    """The dashboard's completion panel: the report's department rows (`completion_report_for_user`, without names
    or totals) over the `active` modules that are required, from the grouped queries of `department_counts`. Per
    department the user manages (all of them for a facilitator and the equity team): a manager's departments come
    from `my_departments`, which the dashboard has read already."""
    modules = [m for m in active if m.required_for in AUDIENCE]
    if sees_all_training(user):
        departments = list(Department.objects.filter(is_active=True).order_by("name"))
    else:
        managed = core.managed_department_ids(user)
        departments = sorted((d for d in my_departments(user=user) if d.is_active and d.pk in managed),
                             key=lambda d: d.name)  # fmt: skip
    counts = GroupedCounts()
    if departments and modules:
        rollups = completion_rollups(modules=modules, date_from=None, date_to=None)
        counts = department_counts(dept_ids=[d.pk for d in departments], rollups=rollups)
    rows = [_row(d, counts, modules) for d in departments]
    return CompletionReport(modules=modules, rows=rows, totals=[], date_from=None, date_to=None, with_names=False)


def _row(department: Department, counts: Counts, modules: list[Module]) -> CompletionRow:
    """A department's row of the report: its staff, and per module those required and those who completed it."""
    pk = department.pk
    cells = [CompletionCell(m, counts.required(pk, m), counts.completed(pk, m)) for m in modules]
    return CompletionRow(department=department, staff=counts.people(pk), cells=cells)


def _attach_still_needed(*, report: CompletionReport, dept_ids: list[int], date_from, date_to) -> None:
    """Name the people who still need each module, per department (two queries)."""
    # One row per (person, department of the report), the person with their department as `member_of`: a user row
    # each, cheaper to load than membership rows with their user joined in.
    members = list(
        User.objects.filter(is_active=True, departments__in=dept_ids)
        .only("pk", "full_name", "is_manager", "is_facilitator", "is_equity_team")  # what the names and roles need
        .annotate(member_of=F("departments"))
        .order_by("full_name", "pk")
    )
    among = User.departments.through.objects.filter(department_id__in=dept_ids).values("user_id")
    done = set(completions(modules=report.modules, date_from=date_from, date_to=date_to, among=among))
    by_dept = {row.department.pk: row for row in report.rows}
    explicit = len(report.modules) == 1 and report.modules[0].required_for == Module.RequiredFor.NONE
    for member in members:
        row = by_dept[member.member_of]
        for m in report.modules:
            required = explicit or module_required_for_person(module=m, person=member)
            if required and (member.pk, m.pk) not in done:
                row.still_needed.setdefault(m.pk, []).append(member)


def completion_export_rows(*, report: CompletionReport):
    """Rows for the completion export: department, module, staff, completed, percent, still needed."""
    for row in report.rows:
        for cell in row.cells:
            yield [
                row.department.name,
                cell.module.title,
                cell.staff,
                cell.completed,
                cell.percent if cell.percent is not None else "",
                cell.outstanding,
            ]
