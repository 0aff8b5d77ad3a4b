"""Who may edit what in the plans app, built on equity.permissions.

Reading is decided by the selectors (plans.selectors): a plan a person cannot read is a 404. These checks decide
what a person may change on a plan or action they can read; a refusal is a 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from equity.permissions import can_manage_department, is_equity_team, managed_department_ids
from plans.models import Plan

if TYPE_CHECKING:
    from equity.models import User
    from plans.models import Action, Indicator


def plan_department_ids(plan: Plan) -> set[int]:
    """The plan's department ids, using a prefetch when there is one."""
    cache = getattr(plan, "_prefetched_objects_cache", {})
    if "departments" in cache:
        return {d.pk for d in cache["departments"]}
    cached: set[int] | None = getattr(plan, "_department_ids", None)
    if cached is None:
        cached = set(plan.departments.values_list("pk", flat=True))
        plan._department_ids = cached
    return cached


def can_create_plan(user: User) -> bool:
    """Managers (for their departments) and the equity team start plans."""
    return is_equity_team(user) or bool(managed_department_ids(user))


def can_edit_plan(user: User, plan: Plan) -> bool:
    """Managers of any of the plan's departments, and the equity team."""
    if is_equity_team(user):
        return True
    return bool(plan_department_ids(plan) & managed_department_ids(user))


def can_edit_action(user: User, action: Action) -> bool:
    """Managers of the action's lead department, and the equity team."""
    return can_manage_department(user, action.lead_department_id)


def can_add_action(user: User, plan: Plan) -> bool:
    """Adding an action to a plan: whoever may edit the plan."""
    return can_edit_plan(user, plan)


def can_post_update(user: User, action: Action) -> bool:
    """Progress updates: the accountable person, the lead department's managers, and the equity team."""
    if user.is_authenticated and action.accountable_id == user.pk:
        return True
    return can_edit_action(user, action)


def can_review_update(user: User, action: Action) -> bool:
    """Marking an update reviewed: a manager of the lead department or the equity team."""
    return can_edit_action(user, action)


def can_manage_periods(user: User) -> bool:
    """Opening and closing reporting periods, and the group list and status legend: the equity team."""
    return is_equity_team(user)


def indicator_department_ids(indicator: Indicator) -> set[int]:
    """The departments of every plan with a result using the indicator (one query, remembered on the object)."""
    cached = getattr(indicator, "_department_ids", None)
    if cached is None:
        links = Plan.departments.through.objects.filter(plan__results__indicators=indicator)
        cached = set(links.values_list("department_id", flat=True))
        indicator._department_ids = cached  # type: ignore[attr-defined]  # a per-object memo, not a field
    return cached


def can_create_indicator(user: User) -> bool:
    """A city-wide indicator on its own (not from a plan's result): the equity team."""
    return is_equity_team(user)


def can_edit_indicator(user: User, indicator: Indicator) -> bool:
    """The equity team edits any indicator; a manager edits one used by a plan they may edit (ADR 0036)."""
    if is_equity_team(user):
        return True
    managed = managed_department_ids(user)
    return bool(managed) and bool(indicator_department_ids(indicator) & managed)


def can_import_plan(user: User, plan: Plan) -> bool:
    """Importing a spreadsheet into a plan: whoever may edit the plan (changing an existing action further needs
    its lead department, checked row by row by the import)."""
    return can_edit_plan(user, plan)


def can_delete_action(user: User, action: Action) -> bool:
    """Deleting an action created by mistake: whoever may edit it (the service refuses one with updates)."""
    return can_edit_action(user, action)


def can_delete_from_plan(user: User, plan: Plan) -> bool:
    """Deleting a result or outcome created by mistake: whoever may edit the plan."""
    return can_edit_plan(user, plan)


def can_manage_scales(user: User) -> bool:
    """The priority, effort and impact scales: the equity team."""
    return is_equity_team(user)
