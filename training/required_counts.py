"""The overdue report's counts computed in the database: people with required training, overdue and due soon, per
department and city-wide, in two aggregate queries whatever the number of people.

The due-date rule of training.requirements, turned into conditions on constant dates: a requirement's due date
`max(start, effective_from) + due_days` is before a day D exactly when the effective date and the person's clock start
(hire date, or the local day the account was created) are both more than `due_days` before D. A module is overdue when
not completed and one of its requirements that applies is overdue (the earliest due date is before today); due soon
when not completed, not overdue, and one that applies is due by today + DUE_SOON_DAYS. The Python pass of
`required_report_for_user` (which also names the people) gives the same figures: a test compares them.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import reduce
from operator import or_

from django.db.models import Count, Q
from django.utils import timezone

from equity.models import User, role_flag
from training.models import CompletionRollup, TrainingRequirement


def _nobody(prefix: str) -> Q:
    """A condition no user meets (an id is never null), which, unlike `pk__in=[]`, compiles inside an aggregate."""
    return Q(**{f"{prefix}pk__isnull": True})


def _start_before(*, day: date, prefix: str) -> Q:
    """People whose clock started before `day`: hire date before it, or no hire date and an account created (local
    time) before its midnight."""
    midnight = timezone.make_aware(datetime.combine(day, time.min))
    return Q(**{f"{prefix}staff_attributes__hire_date__lt": day}) | Q(
        **{f"{prefix}staff_attributes__hire_date__isnull": True, f"{prefix}date_joined__lt": midnight}
    )


def _due_before(*, requirement: TrainingRequirement, day: date, prefix: str) -> Q:
    """The requirement's due date is before `day` (for the people it applies to)."""
    latest_start = day - timedelta(days=requirement.due_days)
    if requirement.effective_from >= latest_start:
        return _nobody(prefix)
    return _start_before(day=latest_start, prefix=prefix)


def _applies(*, requirement: TrainingRequirement, prefix: str) -> Q | None:
    """`training.requirements.applies` as a condition on users; None: everyone (no condition to compile)."""
    if requirement.scope == TrainingRequirement.Scope.ROLE:
        flag = role_flag(requirement.role)
        return Q(**{f"{prefix}{flag}": True}) if flag else _nobody(prefix)
    if requirement.scope == TrainingRequirement.Scope.DEPARTMENT:
        members = User.departments.through.objects.filter(department=requirement.department_id)
        return Q(**{f"{prefix}pk__in": members.values("user_id")})
    return None


def _any(conditions: list[Q], prefix: str) -> Q:
    return reduce(or_, conditions) if conditions else _nobody(prefix)


def _both(applies: Q | None, condition: Q) -> Q:
    return condition if applies is None else applies & condition


def required_conditions(
    *, requirements: list[TrainingRequirement], today: date, soon_days: int, prefix: str = ""
) -> dict[str, Q]:
    """Conditions on users (with `prefix` for related lookups): `required`, `overdue` and `due_soon`."""
    by_module: dict[int, list[TrainingRequirement]] = {}
    for requirement in requirements:
        by_module.setdefault(requirement.module_id, []).append(requirement)
    soon_limit = today + timedelta(days=soon_days + 1)  # due on or before today + soon_days
    required, overdue, due_soon = [], [], []
    everyone = False
    for module_id, of_module in by_module.items():
        applies, late, soon = [], [], []
        for r in of_module:
            condition = _applies(requirement=r, prefix=prefix)
            everyone = everyone or condition is None
            applies.extend([] if condition is None else [condition])
            late.append(_both(condition, _due_before(requirement=r, day=today, prefix=prefix)))
            soon.append(_both(condition, _due_before(requirement=r, day=soon_limit, prefix=prefix)))
        done = CompletionRollup.objects.filter(module_id=module_id).values("user_id")
        not_done = ~Q(**{f"{prefix}pk__in": done})
        required.extend(applies)
        overdue.append(not_done & _any(late, prefix))
        due_soon.append(not_done & _any(soon, prefix) & ~_any(late, prefix))
    return {
        # A requirement of everyone: every user is required something (an empty Q() would vanish from an OR).
        "required": Q(**{f"{prefix}pk__isnull": False}) if everyone else _any(required, prefix),
        "overdue": _any(overdue, prefix),
        "due_soon": _any(due_soon, prefix),
    }


def required_counts(
    *, requirements: list[TrainingRequirement], dept_ids: set[int], today: date, soon_days: int
) -> tuple[dict[int, dict[str, int]], dict[str, int]]:
    """Per department (id -> counts) and city-wide (each person once) counts of active people who belong to the
    departments: `required`, `overdue`, `due_soon` (two queries)."""
    through = User.departments.through.objects.filter(department_id__in=dept_ids)
    per_member = required_conditions(requirements=requirements, today=today, soon_days=soon_days, prefix="user__")
    rows = (
        through.filter(user__is_active=True)
        .order_by()
        .values("department_id")
        .annotate(**{name: Count("user_id", filter=q) for name, q in per_member.items()})
        .values_list("department_id", *per_member)
    )
    per_person = required_conditions(requirements=requirements, today=today, soon_days=soon_days)
    # One group (`is_active` is the filter's constant) rather than aggregate(), which copies every filtered count
    # to look for references before compiling them (a third of the query's cost); no row when nobody matches.
    people = User.objects.filter(is_active=True, pk__in=through.values("user_id")).order_by().values("is_active")
    grouped = people.annotate(**{name: Count("pk", filter=q) for name, q in per_person.items()})
    total = next(iter(grouped.values_list(*per_person)), (0,) * len(per_person))
    counts = {department_id: dict(zip(per_member, figures, strict=True)) for department_id, *figures in rows}
    return counts, dict(zip(per_person, total, strict=True))
