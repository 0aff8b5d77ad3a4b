"""Reading a person's access by source: each role and department, given in the portal or from which groups."""

from __future__ import annotations

from dataclasses import dataclass, field

from equity.accounts.sso.grants import department_item, effective_items, grant_item, hand_given, role_item
from equity.models import ROLE_FLAGS, AccessGrant, Department, User


@dataclass(frozen=True)
class SourcedAccess:
    """One role or department a person holds: `by_hand` when given in the portal, `groups` that give it."""

    name: str
    by_hand: bool
    groups: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AccessBySource:
    roles: list[SourcedAccess]
    departments: list[SourcedAccess]
    hand_roles: set[str]
    hand_departments: list[Department]

    @property
    def from_groups(self) -> list[SourcedAccess]:
        """The roles and departments that at least one group gives."""
        return [item for item in [*self.roles, *self.departments] if item.groups]


def access_by_source_for_user(*, person: User) -> AccessBySource:
    """Each role and department `person` holds, with its sources (two queries)."""
    departments = list(person.departments.all())
    grants = list(AccessGrant.objects.filter(user=person))
    current = effective_items(user=person, department_ids=[d.pk for d in departments])
    hand = hand_given(current=current, grants=grants)
    groups_of: dict[object, list[str]] = {}
    for grant in grants:
        if grant.group:
            groups_of.setdefault(grant_item(grant), []).append(grant.group)
    roles = [
        SourcedAccess(str(role.label), role_item(role) in hand, sorted(groups_of.get(role_item(role), [])))
        for role in ROLE_FLAGS
        if role_item(role) in current
    ]
    sourced_departments = [
        SourcedAccess(d.name, department_item(d.pk) in hand, sorted(groups_of.get(department_item(d.pk), [])))
        for d in departments
    ]
    return AccessBySource(
        roles=roles,
        departments=sourced_departments,
        hand_roles={str(role) for role in ROLE_FLAGS if role_item(role) in hand},
        hand_departments=[d for d in departments if department_item(d.pk) in hand],
    )


def hand_given_initial(*, access: AccessBySource) -> dict:
    """The people form's initial roles and departments: those given in the portal (the form edits only these)."""
    initial: dict = {flag: str(role) in access.hand_roles for role, flag in ROLE_FLAGS.items()}
    initial["departments"] = access.hand_departments
    return initial
