"""Following an action: a person hears about each progress update posted on it (plans.notices)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from equity.models import User
from plans.models import Action, ActionFollow


def action_follow_set(*, user: User, action: Action, follow: bool) -> bool:
    """Follow or stop following an action (the view checks the person may see it); the same choice twice changes
    nothing. Returns whether the person now follows it."""
    if not follow:
        ActionFollow.objects.filter(user=user, action=action).delete()
        return False
    try:
        with transaction.atomic():
            ActionFollow.objects.get_or_create(user=user, action=action)
    except IntegrityError:  # a second click at the same moment made it first
        pass
    return True
