"""Reading notifications: a person's own, and whether each is about a record they may still see."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from equity.models import Notification, User
from equity.notifications.kinds import NotificationKind, notification_kinds
from equity.notifications.visibility import visible_pairs
from equity.permissions import department_ids


def notification_list_for_user(*, user: User) -> QuerySet[Notification]:
    """The user's own notifications, newest first (another person's is a 404)."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).select_related("actor").order_by("-created_at", "-pk")


def notifications_still_visible(*, user: User, notifications: Iterable[Notification]) -> set[int]:
    """Ids of `notifications` whose record the user may still see (one query per kind on the page)."""
    notes = list(notifications)
    if not notes:
        return set()
    department_ids(user)  # primed once for the selectors below
    kinds = notification_kinds()
    by_kind: dict[str, list[Notification]] = defaultdict(list)
    for note in notes:
        if note.kind in kinds and note.target_id is not None:
            by_kind[note.kind].append(note)
    visible: set[int] = set()
    for code, group in by_kind.items():
        pairs = visible_pairs(kind=kinds[code], people=[user], target_ids=[n.target_id for n in group if n.target_id])
        records = {pk for _person, pk in pairs}
        visible.update(n.pk for n in group if n.target_id in records)
    return visible


@dataclass(frozen=True)
class NotificationRow:
    """One inbox row: the notification, whether its record is still visible, and its kind (None if undeclared)."""

    note: Notification
    visible: bool
    kind: NotificationKind | None

    @property
    def unread(self) -> bool:
        return self.note.read_at is None


def notification_rows(*, user: User, notifications: Iterable[Notification]) -> list[NotificationRow]:
    """The inbox's rows for `notifications` (a fixed number of queries: one per kind among them)."""
    notes = list(notifications)
    visible = notifications_still_visible(user=user, notifications=notes)
    kinds = notification_kinds()
    return [NotificationRow(note=note, visible=note.pk in visible, kind=kinds.get(note.kind)) for note in notes]
