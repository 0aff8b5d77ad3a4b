"""Events a daily scan finds (due soon, overdue, a session tomorrow): each person is told once per event, and finding
who has already heard costs a fixed number of queries, so a day with nothing new runs no `notify()` at all."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice

from django.db import models

from equity.models import Notification
from equity.notifications.services import in_source_language, notify

KEYS_PER_QUERY = 2000  # event keys per "already told" query (SQLite allows 32766 parameters)


@dataclass
class ScanEvent:
    """One event a scan found, with the people (ids) it concerns. Its key holds what makes it one event (a due date,
    a session's day), so the next day's scan finds the same event and tells nobody again."""

    kind: str
    event_key: str
    target: models.Model
    title: str
    url: str
    body: str = ""
    recipients: set[int] = field(default_factory=set)


def _already_told(events: Sequence[ScanEvent]) -> set[tuple[str, str, int]]:
    """(kind, event key, person) of the notifications these events already made (one query per KEYS_PER_QUERY)."""
    kinds = {event.kind for event in events}
    keys = iter(sorted({event.event_key for event in events}))
    told: set[tuple[str, str, int]] = set()
    while batch := list(islice(keys, KEYS_PER_QUERY)):
        rows = Notification.objects.filter(kind__in=kinds, event_key__in=batch)
        told.update(rows.values_list("kind", "event_key", "recipient_id"))
    return told


@in_source_language
def scan_events_notify(events: Sequence[ScanEvent]) -> dict[str, int]:
    """Tell each event's people who have not heard of it yet (one `notify()` per such event); returns the
    notifications added per kind."""
    told = _already_told(events) if events else set()
    added: dict[str, int] = defaultdict(int)
    for event in events:
        missing = [pk for pk in event.recipients if (event.kind, event.event_key, pk) not in told]
        if missing:
            added[event.kind] += notify(
                kind=event.kind,
                recipients=missing,
                target=event.target,
                event_key=event.event_key,
                title=event.title,
                body=event.body,
                url=event.url,
            )
    return dict(added)
