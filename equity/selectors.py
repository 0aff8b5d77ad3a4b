"""Reads of users and departments, scoped to the requesting user."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from equity import permissions
from equity.models import Department, User, role_flag


def my_departments(*, user: User) -> list[Department]:
    """The user's own departments by name, for the dashboard, loaded once per request (kept on the user object, as
    their ids are: they then serve the request's permission checks and the dashboard's panels without a query)."""
    departments: list[Department] | None = getattr(user, "_departments", None)
    if departments is None:
        departments = list(user.departments.all())
        user._departments = departments
        permissions.remember_department_ids(user, {d.pk for d in departments})
    return departments


def department_list_for_user(*, user: User) -> QuerySet[Department]:
    """All departments are public knowledge inside the city; inactive ones only for the equity team."""
    qs = Department.objects.all()
    return qs if permissions.is_equity_team(user) else qs.filter(is_active=True)


def department_choices_for_user(*, user: User, managed_only: bool = False) -> QuerySet[Department]:
    """The active departments a person may pick: all for the equity team; otherwise the ones they belong to, or with
    `managed_only` the ones they manage."""
    qs = Department.objects.filter(is_active=True)
    if permissions.is_equity_team(user):
        return qs
    ids = permissions.managed_department_ids(user) if managed_only else permissions.department_ids(user)
    return qs.filter(pk__in=ids)


def user_list_for_user(
    *, user: User, search: str = "", department: Department | None = None, role: str = "", active: str = ""
) -> QuerySet[User]:
    """Users the equity team manages, filtered; other roles see only themselves."""
    qs = User.objects.prefetch_related("departments").order_by("full_name", "pk")
    if not permissions.can_view_user_list(user):
        return qs.filter(pk=user.pk)
    if search:
        qs = qs.filter(
            Q(full_name__icontains=search)
            | Q(username__icontains=search)
            | Q(email__icontains=search)
            | Q(employee_id__iexact=search)
        )
    if department is not None:
        qs = qs.filter(departments=department)
    flag = role_flag(role)
    if flag:
        qs = qs.filter(**{flag: True})
    if active in ("yes", "no"):
        qs = qs.filter(is_active=active == "yes")
    return qs


def user_get_for_user(*, user: User, pk: int) -> User:
    """One user the requester may manage, or DoesNotExist (shown as 404)."""
    return user_list_for_user(user=user).get(pk=pk)
