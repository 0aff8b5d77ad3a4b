"""Writes to plans, results and outcomes."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from equity.audit import audited_save
from equity.concurrency import lock_for_edit
from equity.models import Department, User
from equity.permissions import is_equity_team, managed_department_ids
from plans.models import Outcome, Plan, Result
from plans.services.structure import check_code

PLAN_FIELDS = (
    "title", "scope", "period_start", "period_end", "status", "adopted_on", "adopted_by", "owner", "narrative",
    "is_public",
)  # fmt: skip


def _check_plan(fields: dict) -> None:
    start, end = fields.get("period_start"), fields.get("period_end")
    if start and end and end < start:
        raise ValidationError({"period_end": _("The period must end on or after its start.")})
    if fields.get("status") in (Plan.Status.ADOPTED, Plan.Status.ACTIVE) and not fields.get("adopted_on"):
        raise ValidationError({"adopted_on": _("An adopted or active plan needs its adoption date.")})


def _check_departments(*, author: User, departments: Iterable[Department]) -> list[Department]:
    """Who may put a plan on which departments: the equity team any; others at least one department they manage."""
    departments = list(departments)
    if not is_equity_team(author) and not {d.pk for d in departments} & managed_department_ids(author):
        raise ValidationError({"departments": _("Include at least one department you manage.")})
    return departments


@transaction.atomic
def plan_create(*, author: User, departments: Iterable[Department], **fields) -> Plan:
    """Start a plan; the author owns it unless an owner is given."""
    _check_plan(fields)
    departments = _check_departments(author=author, departments=departments)
    fields.setdefault("owner", author)
    plan = Plan(**{k: v for k, v in fields.items() if k in PLAN_FIELDS})
    audited_save(plan, author=author)
    plan.departments.set(departments)
    return plan


@transaction.atomic
def plan_update(*, author: User, plan: Plan, version: int | None, departments: Iterable[Department], **fields) -> Plan:
    """Change a plan, refusing a stale form."""
    departments = _check_departments(author=author, departments=departments)
    current = lock_for_edit(obj=plan, revision=version)
    merged = {f: getattr(current, f) for f in PLAN_FIELDS} | fields
    _check_plan(merged)
    for name in PLAN_FIELDS:
        if name in fields:
            setattr(current, name, fields[name])
    current.version += 1
    audited_save(current, author=author)
    current.departments.set(departments)
    return current


@transaction.atomic
def result_save(*, author: User, result: Result, version: int | None = None) -> Result:
    """Create or change a result statement; its code is unique among the plan's results. An edit from a form older
    than the record is refused (StaleEdit)."""
    if result.pk:
        result.version = lock_for_edit(obj=result, revision=version, what=_("this result")).version + 1
    result.code = check_code(plan=result.plan_id, level=Result, code=result.code, exclude_pk=result.pk)
    result.full_clean(exclude=["plan"])
    audited_save(result, author=author)
    return result


@transaction.atomic
def outcome_save(*, author: User, outcome: Outcome, version: int | None = None) -> Outcome:
    """Create or change an outcome; a department-level outcome names its department. An edit from a form older than
    the record is refused (StaleEdit)."""
    if outcome.pk:
        outcome.version = lock_for_edit(obj=outcome, revision=version, what=_("this outcome")).version + 1
    if outcome.level == Outcome.Level.DEPARTMENT and outcome.department_id is None:
        raise ValidationError({"department": _("A department-level outcome needs its department.")})
    outcome.code = check_code(plan=outcome.result.plan_id, level=Outcome, code=outcome.code, exclude_pk=outcome.pk)
    audited_save(outcome, author=author)
    return outcome
