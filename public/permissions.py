"""Who may publish: the equity team runs the public site."""

from __future__ import annotations

from equity.models import User
from equity.permissions import is_equity_team


def can_publish(user: User) -> bool:
    """Publishing, unpublishing and the list of sites allowed to embed are the equity team's."""
    return is_equity_team(user)
