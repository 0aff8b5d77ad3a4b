"""The equity team's mapping table: which identity provider groups give which departments and roles."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from equity import permissions
from equity.audit import audited_delete, audited_save
from equity.concurrency import lock_for_edit
from equity.models import Department, GroupMapping, User


def group_mapping_list_for_user(
    *, user: User, search: str = "", department: Department | None = None, role: str = ""
) -> QuerySet[GroupMapping]:
    """The mappings the equity team sees (everyone else: none), filtered."""
    if not permissions.can_manage_users(user):
        return GroupMapping.objects.none()
    mappings = GroupMapping.objects.select_related("department")
    if search:
        mappings = mappings.filter(Q(group__icontains=search) | Q(note__icontains=search))
    if department is not None:
        mappings = mappings.filter(department=department)
    if role:
        mappings = mappings.filter(role=role)
    return mappings


def _save(*, mapping: GroupMapping, author: User) -> GroupMapping:
    mapping.group = mapping.group.strip()
    mapping.full_clean(exclude=["revision"])
    try:
        with transaction.atomic():
            audited_save(mapping, author=author)
    except IntegrityError as exc:  # a colleague saved the same line at the same moment
        raise ValidationError(_("This group already gives this department and role.")) from exc
    return mapping


@transaction.atomic
def group_mapping_create(
    *, author: User, group: str, department: Department | None, role: str, note: str = ""
) -> GroupMapping:
    """Add a line to the table; it applies at each person's next sign-in through the provider."""
    if not permissions.can_manage_users(author):
        raise PermissionDenied
    mapping = GroupMapping(group=group, department=department, role=role, note=note)
    return _save(mapping=mapping, author=author)


@transaction.atomic
def group_mapping_update(
    *,
    author: User,
    mapping: GroupMapping,
    revision: int | None,
    group: str,
    department: Department | None,
    role: str,
    note: str = "",
) -> GroupMapping:
    """Change a line; a form opened before a colleague's save is refused (StaleEdit)."""
    if not permissions.can_manage_users(author):
        raise PermissionDenied
    mapping = lock_for_edit(obj=mapping, revision=revision, field="revision", what=_("this group mapping"))
    mapping.group, mapping.department, mapping.role, mapping.note = group, department, role, note
    mapping.revision += 1
    return _save(mapping=mapping, author=author)


@transaction.atomic
def group_mapping_delete(*, author: User, mapping: GroupMapping, revision: int | None) -> None:
    """Remove a line; the access it gave goes at each person's next sign-in through the provider."""
    if not permissions.can_manage_users(author):
        raise PermissionDenied
    mapping = lock_for_edit(obj=mapping, revision=revision, field="revision", what=_("this group mapping"))
    audited_delete(mapping, author=author)
