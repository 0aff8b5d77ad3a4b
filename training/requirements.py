"""Required training: which requirement applies to whom, when it is due, and who is overdue (reads only).

The due-date rule (docs/training.md, ADR 0041): a person's clock starts on their hire date, or, with no hire date
recorded, the day their account was created; a requirement that took effect later starts the clock on that day
instead (nobody is overdue on the day a requirement appears). Due = start + `due_days`. A completion of the module
at any time (the roll-up's first completion) satisfies it. Several requirements of one module for one person: the
earliest due date counts. Retired requirements, and requirements not yet in effect, apply to nobody.

Everything is computed in one pass over rows read in a fixed number of queries, never a query per person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from equity import permissions as core
from equity.models import Department, User, role_flag
from training.completion import PeopleMeeting, completion_departments_for_user
from training.models import CompletionRollup, TrainingRequirement
from training.required_counts import required_conditions, required_counts

DUE_SOON_DAYS = 30


class DueStatus:
    DONE = "done"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    NOT_YET_DUE = "not_yet_due"


def requirement_list_for_user(*, user: User, include_retired: bool = True) -> QuerySet[TrainingRequirement]:
    """Requirements with their module and department; everyone may read them (the equity team edits them)."""
    qs = TrainingRequirement.objects.select_related("module", "department").order_by("module__title", "pk")
    return qs if include_retired else qs.filter(retired_on__isnull=True)


def requirements_in_effect(*, on: date) -> list[TrainingRequirement]:
    """Requirements that apply on `on`: in effect by then, not retired by then, of an active module."""
    qs = requirement_list_for_user(user=None, include_retired=True)  # type: ignore[arg-type]
    qs = qs.filter(effective_from__lte=on, module__is_active=True).filter(
        Q(retired_on__isnull=True) | Q(retired_on__gt=on)
    )
    return list(qs)


def clock_start(*, hire_date: date | None, joined: date, effective_from: date) -> date:
    """The day the person's clock starts for one requirement (see the module's docstring)."""
    return max(hire_date or joined, effective_from)


def due_on(*, requirement: TrainingRequirement, hire_date: date | None, joined: date) -> date:
    start = clock_start(hire_date=hire_date, joined=joined, effective_from=requirement.effective_from)
    return start + timedelta(days=requirement.due_days)


def due_status(*, due: date, completed_on: date | None, today: date) -> str:
    if completed_on is not None:
        return DueStatus.DONE
    if due < today:
        return DueStatus.OVERDUE
    if due <= today + timedelta(days=DUE_SOON_DAYS):
        return DueStatus.DUE_SOON
    return DueStatus.NOT_YET_DUE


@dataclass(frozen=True)
class Person:
    """What the rule needs of a person, read in bulk."""

    pk: int
    full_name: str
    is_manager: bool
    is_facilitator: bool
    is_equity_team: bool
    joined: date
    hire_date: date | None
    department_ids: frozenset[int]


def applies(*, requirement: TrainingRequirement, person: Person) -> bool:
    """Whether a requirement in effect applies to this person (all staff, their role, or one of their departments)."""
    if requirement.scope == TrainingRequirement.Scope.ROLE:
        flag = role_flag(requirement.role)
        return bool(flag and getattr(person, flag))
    if requirement.scope == TrainingRequirement.Scope.DEPARTMENT:
        return requirement.department_id in person.department_ids
    return True


@dataclass(frozen=True)
class Due:
    """One module a person is required to complete: by when, the requirement that set that date, and where they are."""

    requirement: TrainingRequirement
    due_on: date
    completed_on: date | None
    status: str

    @property
    def module(self):
        return self.requirement.module


def dues_for(
    *, person: Person, requirements: Iterable[TrainingRequirement], completed: dict[int, date], today: date
) -> list[Due]:
    """The person's required modules, one each (earliest due date), by due date."""
    earliest: dict[int, tuple[date, TrainingRequirement]] = {}
    for requirement in requirements:
        if not applies(requirement=requirement, person=person):
            continue
        due = due_on(requirement=requirement, hire_date=person.hire_date, joined=person.joined)
        known = earliest.get(requirement.module_id)
        if known is None or due < known[0]:
            earliest[requirement.module_id] = (due, requirement)
    dues = [
        Due(req, due, completed.get(module_id), due_status(due=due, completed_on=completed.get(module_id), today=today))
        for module_id, (due, req) in earliest.items()
    ]
    return sorted(dues, key=lambda d: (d.due_on, d.module.title))


def _joined(value: datetime, zone) -> date:
    """The local day of an account's creation (`timezone.localdate` with the zone looked up once per report)."""
    return value.astimezone(zone).date() if timezone.is_aware(value) else value.date()


def people_for_rule(*, users: QuerySet[User]) -> list[Person]:
    """`users` as `Person` rows, with their hire date and every department they belong to (two queries)."""
    rows = list(
        users.order_by("full_name", "pk").values(
            "pk", "full_name", "is_manager", "is_facilitator", "is_equity_team", "date_joined",
            hire=F("staff_attributes__hire_date"),
        )
    )  # fmt: skip
    memberships: dict[int, set[int]] = {}
    through = User.departments.through.objects.filter(user_id__in=users.values("pk"))
    for user_id, department_id in through.values_list("user_id", "department_id"):
        memberships.setdefault(user_id, set()).add(department_id)
    zone = timezone.get_current_timezone()
    return [
        Person(
            pk=row["pk"],
            full_name=row["full_name"],
            is_manager=row["is_manager"],
            is_facilitator=row["is_facilitator"],
            is_equity_team=row["is_equity_team"],
            joined=_joined(row["date_joined"], zone),
            hire_date=row["hire"],
            department_ids=frozenset(memberships.get(row["pk"], ())),
        )
        for row in rows
    ]


def _completions(*, modules: set[int], users: QuerySet | None = None) -> dict[int, dict[int, date]]:
    """user id -> module id -> first completion, for the given modules (one query on the roll-up)."""
    qs = CompletionRollup.objects.filter(module_id__in=modules)
    if users is not None:
        qs = qs.filter(user_id__in=users)
    done: dict[int, dict[int, date]] = {}
    for user_id, module_id, first in qs.values_list("user_id", "module_id", "first_completed_on"):
        done.setdefault(user_id, {})[module_id] = first
    return done


def person_dues(*, person: User, today: date | None = None) -> list[Due]:
    """One person's required modules with due dates and status (four queries, whatever the data)."""
    today = today or timezone.localdate()
    requirements = requirements_in_effect(on=today)
    if not requirements:
        return []
    [row] = people_for_rule(users=User.objects.filter(pk=person.pk))
    done = _completions(
        modules={r.module_id for r in requirements}, users=User.objects.filter(pk=person.pk).values("pk")
    )
    return dues_for(person=row, requirements=requirements, completed=done.get(person.pk, {}), today=today)


@dataclass
class RequiredRow:
    """One department: people with at least one requirement, how many are overdue and due soon, and who."""

    department: Department
    required: int = 0
    overdue: int = 0
    due_soon: int = 0
    overdue_people: list[tuple[Person, list[Due]]] = field(default_factory=list)
    due_soon_people: list[tuple[Person, list[Due]]] = field(default_factory=list)


@dataclass
class RequiredReport:
    rows: list[RequiredRow]
    total: RequiredRow
    with_names: bool
    has_requirements: bool
    today: date


def required_conditions_for(*, requirements: list[TrainingRequirement], today: date) -> Callable[[str], dict[str, Q]]:
    """The conditions the overdue report counts (`required_counts.required_conditions`: `required`, `overdue`,
    `due_soon`), as a function of the prefix of user lookups: what `completion_report_for_user` takes as
    `people_conditions` to count them with its own figures."""
    return lambda prefix: required_conditions(
        requirements=requirements, today=today, soon_days=DUE_SOON_DAYS, prefix=prefix
    )


def required_report_for_user(
    *,
    user: User,
    department: Department | None = None,
    with_names: bool = True,
    today: date | None = None,
    visible: list[Department] | None = None,
    requirements: list[TrainingRequirement] | None = None,
    counted: PeopleMeeting | None = None,
) -> RequiredReport:
    """Overdue and due-soon counts per department the user may see (optionally one), with names when asked;
    city-wide totals count each person once. Six queries whatever the number of people; without names (the
    city-wide report) the counts come from two aggregate queries instead of a pass over everyone (four queries).
    `visible`: `completion_departments_for_user`, when the caller has read it already (one query fewer);
    `requirements`, `requirements_in_effect` on `today` likewise. `counted`: without names, the counts of
    `required_conditions_for` these requirements when the caller has them (the completion report's
    `people_meeting`), which spares the two aggregate queries."""
    today = today or timezone.localdate()
    departments = completion_departments_for_user(user=user) if visible is None else visible
    if department is not None:
        departments = [d for d in departments if d.pk == department.pk]
    dept_ids = {d.pk for d in departments}
    requirements = requirements_in_effect(on=today) if requirements is None else requirements
    rows = {d.pk: RequiredRow(department=d) for d in departments}
    total = RequiredRow(department=Department(name=""))
    report = RequiredReport(
        rows=list(rows.values()), total=total, with_names=with_names, has_requirements=bool(requirements), today=today
    )
    if not requirements or not dept_ids:
        return report
    if not with_names:
        counts, totals = counted or required_counts(
            requirements=requirements, dept_ids=dept_ids, today=today, soon_days=DUE_SOON_DAYS
        )
        for target, figures in [(rows[pk], counts.get(pk, {})) for pk in rows] + [(total, totals)]:
            target.required, target.overdue, target.due_soon = (
                figures.get(k) or 0 for k in ("required", "overdue", "due_soon")
            )
        return report
    users = User.objects.filter(is_active=True, departments__in=dept_ids).distinct()
    people = people_for_rule(users=users)
    done = _completions(modules={r.module_id for r in requirements}, users=users.values("pk"))
    for person in people:
        dues = dues_for(person=person, requirements=requirements, completed=done.get(person.pk, {}), today=today)
        if not dues:
            continue
        overdue = [d for d in dues if d.status == DueStatus.OVERDUE]
        soon = [d for d in dues if d.status == DueStatus.DUE_SOON]
        for target in [rows[pk] for pk in sorted(person.department_ids & dept_ids)] + [total]:
            target.required += 1
            target.overdue += bool(overdue)
            target.due_soon += bool(soon)
            if with_names and target is not total:
                if overdue:
                    target.overdue_people.append((person, overdue))
                if soon:
                    target.due_soon_people.append((person, soon))
    return report


def sees_required_report(user: User) -> bool:
    """The overdue report follows the completion report's audience (managers see their departments)."""
    return core.can_view_training_reports(user)
