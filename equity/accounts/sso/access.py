"""Departments and roles from the identity provider's groups, at every sign-in through it (ADR 0054)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from equity.accounts.events import security_event_record
from equity.accounts.sso.grants import Item, access_write, department_item, describe_items, role_item
from equity.models import GroupMapping, SecurityEvent, User

logger = logging.getLogger(__name__)

MAX_GROUPS = 1000  # a groups claim longer than this is refused: access stays as it was, with a warning
MAX_GROUP_LENGTH = 256  # longer values cannot be in the mapping table and are ignored
REASON = "from the identity provider's groups"


def groups_from_claims(*, claims: dict) -> set[str] | None:
    """The groups the claims name (absent claim: none), or None when the claim cannot be trusted to be whole: Entra
    ID's "overage" (too many groups for a token), more than MAX_GROUPS entries, or not a list or a string."""
    name = getattr(settings, "SSO_GROUPS_CLAIM", "groups") or "groups"
    value = claims.get(name)
    if value is None:
        if name in (claims.get("_claim_names") or {}):
            logger.warning("Groups claim %r left out of the token (too many groups): access left as it was.", name)
            return None
        return set()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        logger.warning("Groups claim %r is a %s, not a list: access left as it was.", name, type(value).__name__)
        return None
    if len(value) > MAX_GROUPS:
        logger.warning("Groups claim %r has %d entries, over %d: access left as it was.", name, len(value), MAX_GROUPS)
        return None
    return {g.strip() for g in value if isinstance(g, str) and 0 < len(g.strip()) <= MAX_GROUP_LENGTH}


def mapped_access(*, groups: set[str]) -> set[tuple[str, Item]]:
    """The (group, item) pairs the mapping table gives for these groups (one query)."""
    pairs: set[tuple[str, Item]] = set()
    for mapping in GroupMapping.objects.filter(group__in=groups):
        if mapping.department_id:
            pairs.add((mapping.group, department_item(mapping.department_id)))
        if mapping.role:
            pairs.add((mapping.group, role_item(mapping.role)))
    return pairs


def _detail(*, added: set[Item], removed: set[Item]) -> str:
    parts = []
    if added:
        parts.append(_("added: %(items)s") % {"items": ", ".join(describe_items(items=added))})
    if removed:
        parts.append(_("removed: %(items)s") % {"items": ", ".join(describe_items(items=removed))})
    return "; ".join(parts) or _("the groups giving the same access changed")


def access_from_groups(*, user: User, claims: dict, request: HttpRequest | None) -> None:
    """Bring `user`'s group-given departments and roles in step with the groups claim; hand-given ones stay."""
    groups = groups_from_claims(claims=claims)
    if groups is None:
        return
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).values_list("pk").get()
        user.refresh_from_db(fields=["is_manager", "is_facilitator", "is_equity_team"])
        change = access_write(
            user=user, hand=None, from_groups=mapped_access(groups=groups), author=None, reason=REASON
        )
        if change.changed:
            security_event_record(
                kind=SecurityEvent.Kind.ACCESS_FROM_GROUPS,
                request=request,
                user=user,
                method="sso",
                detail=_detail(added=change.added, removed=change.removed),
            )
