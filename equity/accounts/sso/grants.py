"""Where each department and role of a person comes from, and the one way their effective access is written.

Every selector and permission of the portal reads the user's role flags and departments, so those keep holding the
effective access: what was given in the portal by hand, united with what the identity provider's groups gave at the
last sign-in. AccessGrant rows remember the sources (ADR 0054). An item is "given in the portal" when it holds and
either has a portal row or is given by no group: so a user with no rows (everyone made before single sign-on, and
users whose flags were set directly) has only hand-given access, and a flag set directly (the admin site) is kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from equity.audit import attribute_changes, audited_save
from equity.models import ROLE_FLAGS, AccessGrant, Department, Role, User

# ("role", "manager") or ("department", <department pk>)
Item = tuple[str, str | int]


def role_item(role: str) -> Item:
    """The item for a role."""
    return ("role", role)


def department_item(department_id: int) -> Item:
    """The item for a department."""
    return ("department", department_id)


def grant_item(grant: AccessGrant) -> Item:
    """What one grant row gives."""
    return department_item(grant.department_id) if grant.department_id else role_item(grant.role)


def effective_items(*, user: User, department_ids: Iterable[int]) -> set[Item]:
    """The access a user holds now: their role flags and departments."""
    roles = {role_item(role) for role, flag in ROLE_FLAGS.items() if getattr(user, flag)}
    return roles | {department_item(pk) for pk in department_ids}


def hand_given(*, current: set[Item], grants: Iterable[AccessGrant]) -> set[Item]:
    """The part of `current` given in the portal: held, and recorded as hand-given or given by no group."""
    grants = list(grants)
    portal = {grant_item(g) for g in grants if not g.group}
    from_groups = {grant_item(g) for g in grants if g.group}
    return {item for item in current if item in portal or item not in from_groups}


@dataclass
class AccessChange:
    """What a write changed: effective items added and removed, and whether the sources changed."""

    added: set[Item] = field(default_factory=set)
    removed: set[Item] = field(default_factory=set)
    sources_changed: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.sources_changed)


def _grant_rows(*, user: User, hand: set[Item], from_groups: set[tuple[str, Item]]) -> list[AccessGrant]:
    rows = [("", item) for item in sorted(hand, key=str)] + sorted(from_groups, key=str)
    return [
        AccessGrant(
            user=user,
            group=group,
            department_id=value if kind == "department" else None,
            role=value if kind == "role" else "",
        )
        for group, (kind, value) in rows
    ]


def access_write(
    *,
    user: User,
    hand: set[Item] | None,
    from_groups: set[tuple[str, Item]] | None,
    author: User | None,
    reason: str | None = None,
    save_always: bool = False,
) -> AccessChange:
    """Replace the user's hand-given items (None: keep them) or group-given (group, item) pairs (None: keep them),
    then write the union to the user's flags and departments with an audited save (only when something changed,
    unless `save_always`, for a caller that has set other fields). Call inside a transaction."""
    grants = list(AccessGrant.objects.filter(user=user))
    current_departments = set(user.departments.values_list("pk", flat=True))
    current = effective_items(user=user, department_ids=current_departments)
    old_hand = hand_given(current=current, grants=grants)
    old_groups = {(g.group, grant_item(g)) for g in grants if g.group}
    new_hand = old_hand if hand is None else set(hand)
    new_groups = old_groups if from_groups is None else set(from_groups)
    new_rows = _grant_rows(user=user, hand=new_hand, from_groups=new_groups)
    old_rows = {(g.group, grant_item(g)) for g in grants}
    sources_changed = old_rows != {(g.group, grant_item(g)) for g in new_rows}
    if sources_changed:
        AccessGrant.objects.filter(user=user).delete()
        AccessGrant.objects.bulk_create(new_rows)
    effective = new_hand | {item for _group, item in new_groups}
    change = AccessChange(added=effective - current, removed=current - effective, sources_changed=sources_changed)
    for role, flag in ROLE_FLAGS.items():
        setattr(user, flag, role_item(role) in effective)
    if save_always or any(kind == "role" for kind, _value in change.added | change.removed):
        audited_save(user, author=author, reason=reason)
    departments = {int(value) for kind, value in effective if kind == "department"}
    if departments != current_departments:
        attribute_changes(user, author=author)
        if reason is not None:
            user._change_reason = reason  # type: ignore[attr-defined]  # read by django-simple-history's m2m record
        user.departments.set(departments)
    user.__dict__.pop("_change_reason", None)  # later saves of this object (e.g. last_login) are not for this reason
    return change


def describe_items(*, items: Iterable[Item]) -> list[str]:
    """Names of items, roles first, for a message or an event (one query for departments)."""
    items = list(items)
    roles = [str(Role(str(value)).label) for kind, value in items if kind == "role"]
    ids = [value for kind, value in items if kind == "department"]
    departments = list(Department.objects.filter(pk__in=ids).values_list("name", flat=True)) if ids else []
    return sorted(roles) + sorted(departments)


def hand_given_for_user(*, user: User) -> set[Item]:
    """The departments and roles given to `user` in the portal (two queries)."""
    departments = user.departments.values_list("pk", flat=True)
    current = effective_items(user=user, department_ids=departments)
    return hand_given(current=current, grants=AccessGrant.objects.filter(user=user))
