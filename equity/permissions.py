"""The one place that decides what each role may do across the portal.

Apps build their own `can_<verb>_<entity>` checks on these; views and templates never test role flags themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from equity.models import Department, User


def is_equity_team(user: User) -> bool:
    """City-wide coordinators (and superusers) may do everything."""
    return bool(user.is_authenticated and user.is_active and (user.is_equity_team or user.is_superuser))


def is_manager(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_manager)


def is_facilitator(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_facilitator)


def department_ids(user: User) -> set[int]:
    """Ids of the departments the user belongs to, cached on the user object for the request."""
    if not user.is_authenticated:
        return set()
    cached: set[int] | None = getattr(user, "_department_ids", None)
    if cached is None:
        cached = set(user.departments.values_list("pk", flat=True))
        user._department_ids = cached
    return cached


def remember_department_ids(user: User, ids: set[int]) -> None:
    """Prime `department_ids`'s cache with ids a view has already loaded (the dashboard lists the departments)."""
    user._department_ids = set(ids)


def managed_department_ids(user: User) -> set[int]:
    """Departments whose plans, worksheets and training the user manages (a manager manages their own departments)."""
    return department_ids(user) if is_manager(user) else set()


def can_manage_department(user: User, department: Department | int | None) -> bool:
    """Manager of that department, or the equity team."""
    if is_equity_team(user):
        return True
    if department is None:
        return False
    pk = department if isinstance(department, int) else department.pk
    return pk in managed_department_ids(user)


def can_manage_users(user: User) -> bool:
    """Inviting users, assigning roles and departments, deactivating: the equity team only."""
    return is_equity_team(user)


def can_manage_departments(user: User) -> bool:
    return is_equity_team(user)


def can_view_user_list(user: User) -> bool:
    return is_equity_team(user)


def can_view_training_reports(user: User) -> bool:
    """Facilitators, managers (for their departments) and the equity team see training reports."""
    return is_equity_team(user) or is_facilitator(user) or is_manager(user)


def can_log_training(user: User) -> bool:
    """Facilitators and the equity team log sessions and attendance."""
    return is_equity_team(user) or is_facilitator(user)


def can_edit_staff_attributes(user: User) -> bool:
    """Workforce attributes (job class, hire date, anyone's race/ethnicity): read and edited by the equity team only."""
    return is_equity_team(user)


def can_self_identify(user: User) -> bool:
    """Everyone signed in may record (or withdraw) their own self-identified race/ethnicity."""
    return bool(user.is_authenticated and user.is_active)


def can_view_translation_status(user: User) -> bool:
    """The interface catalogs' status and review state: the equity team, who run the language programme."""
    return is_equity_team(user)
