"""Writes to the plans app's configuration: racial/ethnic groups and the status colour legend."""

from __future__ import annotations

from django.db import transaction

from equity.audit import audited_save
from equity.models import User
from plans.models import RacialGroup, StatusLegendEntry


@transaction.atomic
def group_save(*, author: User, group: RacialGroup) -> RacialGroup:
    """Create or change a group; groups with data are deactivated rather than deleted, so history stays whole."""
    audited_save(group, author=author)
    return group


@transaction.atomic
def legend_entry_save(*, author: User, entry: StatusLegendEntry) -> StatusLegendEntry:
    """Change a status's colour or meaning (the status text is always shown too)."""
    audited_save(entry, author=author)
    return entry
