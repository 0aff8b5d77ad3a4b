"""What each person chose for each kind of event, with the kinds' defaults filled in."""

from __future__ import annotations

from collections.abc import Iterable

from equity.models import NotificationPreference, User
from equity.notifications.kinds import Delivery, NotificationKind, notification_kinds


def deliveries_for(*, kind: NotificationKind, people: Iterable[User]) -> dict[int, Delivery]:
    """How each person hears about `kind`: their choice, else the kind's default for them (one query)."""
    people = list(people)
    chosen = dict(
        NotificationPreference.objects.filter(user__in=[p.pk for p in people], kind=kind.code).values_list(
            "user_id", "delivery"
        )
    )
    return {p.pk: Delivery(chosen[p.pk]) if p.pk in chosen else kind.default_for(p) for p in people}


def preferences_for_user(*, user: User) -> dict[str, Delivery]:
    """Every kind's delivery for `user`, by code (one query)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {
        code: Delivery(chosen[code]) if code in chosen else kind.default_for(user)
        for code, kind in notification_kinds().items()
    }
