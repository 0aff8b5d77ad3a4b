"""The completion figures from grouped queries: people per department and role flags, and completions per department,
module and role flags, summed per module's audience in Python; city-wide the same without the department, each person
once. Two short queries a level whatever the number of modules, where a conditional count per module and audience
made two long ones whose building (Django compiling a dozen filtered counts) cost more than running them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from equity.models import ROLE_FLAGS, User
from training.models import CompletionRollup, Module
from training.selectors import AUDIENCE_ROLES

# The role flags (equity.models.ROLE_FLAGS) as membership lookups, and the position among them of the flag each
# module audience needs (training.selectors.AUDIENCE_ROLES; None: all staff).
FLAGS = tuple(f"user__{flag}" for flag in ROLE_FLAGS.values())
AUDIENCE: dict[str, int | None] = {
    audience: None if role is None else list(ROLE_FLAGS).index(role) for audience, role in AUDIENCE_ROLES.items()
}


def audience_flag(module: Module) -> int | None:
    """The position in FLAGS of the flag the module's audience needs; None: all staff (as for a module required of
    no one that the report's filter names: the report then measures it against everyone)."""
    return AUDIENCE.get(module.required_for)


def _sum(rows: Iterable[tuple], flag: int | None) -> int:
    """The people of grouped rows (*the role flags, people) who hold `flag` (all of them for None)."""
    return sum(row[-1] for row in rows if flag is None or row[flag])


@dataclass
class GroupedCounts:
    """People and completions by role flags, per department (or None, city-wide)."""

    staff: dict[int | None, list[tuple]] = field(default_factory=lambda: defaultdict(list))
    done: dict[tuple[int | None, int], list[tuple]] = field(default_factory=lambda: defaultdict(list))
    # The people who meet each of the caller's `conditions` (see department_counts), per department (or None).
    people_meeting: dict[int | None, dict[str, int]] = field(default_factory=dict)

    def people(self, department_id: int | None) -> int:
        return _sum(self.staff[department_id], None)

    def required(self, department_id: int | None, module: Module) -> int:
        return _sum(self.staff[department_id], audience_flag(module))

    def completed(self, department_id: int | None, module: Module) -> int:
        return _sum(self.done[department_id, module.pk], audience_flag(module))


def _meeting(counts: GroupedCounts, key: int | None, names: list[str], figures: list[int]) -> None:
    into = counts.people_meeting.setdefault(key, dict.fromkeys(names, 0))
    for name, n in zip(names, figures, strict=True):
        into[name] += n


def department_counts(
    *, dept_ids: list[int], rollups: QuerySet[CompletionRollup], conditions: dict[str, Q] | None = None
) -> GroupedCounts:
    """Active members per department and role flags, and per department, module and role flags those of them
    `rollups` (the completions that count) hold (two queries). `conditions` (name -> condition on a membership's
    user, `user__` lookups): also count the members who meet each (`people_meeting`), in the same query (the
    completion report's overdue section counts its people with the report's)."""
    counts = GroupedCounts()
    if not dept_ids:
        return counts
    conditions = conditions or {}
    membership = User.departments.through.objects.filter(department_id__in=dept_ids, user__is_active=True).order_by()
    meeting = {name: Count("user_id", filter=q) for name, q in conditions.items()}
    staff = membership.values_list("department_id", *FLAGS).annotate(n=Count("user_id"), **meeting)
    for department_id, *row in staff:
        counts.staff[department_id].append(tuple(row[: len(FLAGS) + 1]))  # the flags, then the people
        if meeting:
            _meeting(counts, department_id, list(meeting), row[len(FLAGS) + 1 :])
    members = rollups.filter(user__is_active=True, user__departments__in=dept_ids).order_by()
    # Counting `user_id` (never null: one roll-up row per person and module) rather than the row's id keeps the read
    # to the (module, user) index, an index-only scan, instead of a sequential scan of the roll-up at city scale.
    grouped = members.values_list("user__departments", "module_id", *FLAGS).annotate(n=Count("user_id"))
    for department_id, module_id, *row in grouped:
        counts.done[department_id, module_id].append(tuple(row))
    return counts


def city_counts(
    *, dept_ids: list[int], rollups: QuerySet[CompletionRollup], conditions: dict[str, Q] | None = None
) -> GroupedCounts:
    """`department_counts` for the departments together (key None), each person once however many of them they
    belong to (two queries); `conditions` on users (no prefix) likewise."""
    counts = GroupedCounts()
    if not dept_ids:
        return counts
    conditions = conditions or {}
    people = User.objects.filter(is_active=True, departments__in=dept_ids).order_by()
    flags = tuple(ROLE_FLAGS.values())
    meeting = {name: Count("pk", filter=q, distinct=True) for name, q in conditions.items()}
    if meeting:
        counts.people_meeting[None] = dict.fromkeys(meeting, 0)
    for row in people.values_list(*flags).annotate(n=Count("pk", distinct=True), **meeting):
        counts.staff[None].append(tuple(row[: len(flags) + 1]))
        if meeting:
            _meeting(counts, None, list(meeting), row[len(flags) + 1 :])
    members = rollups.filter(user__is_active=True, user__departments__in=dept_ids).order_by()
    for module_id, *row in members.values_list("module_id", *FLAGS).annotate(n=Count("user_id", distinct=True)):
        counts.done[None, module_id].append(tuple(row))
    return counts
