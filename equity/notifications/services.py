"""Writing notifications: raising an event, reading them, and choosing how to hear about each kind."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone, translation

from equity.audit import audited_save
from equity.models import EmailDelivery, Notification, NotificationPreference, User
from equity.notifications.kinds import Delivery, notification_kind
from equity.notifications.models import BODY_MAX, TITLE_MAX
from equity.notifications.preferences import deliveries_for
from equity.notifications.visibility import people_primed, visible_pairs

P = ParamSpec("P")
R = TypeVar("R")
IMMEDIATE_KEY_PREFIX = "notification:"
_EMAILS_HELD: ContextVar[bool] = ContextVar("notification_emails_held", default=False)


@contextmanager
def notifications_without_email() -> Iterator[None]:
    """Within: notifications reach the inbox, and no e-mail at once is queued (the demo city's records are news to
    nobody, and its people are fictional)."""
    token = _EMAILS_HELD.set(True)
    try:
        yield
    finally:
        _EMAILS_HELD.reset(token)


def _shorten(text: str, limit: int) -> str:
    """Titles and details are written by the portal from records' names; a very long name ends with an ellipsis."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def unread_counts_refresh(*, user_ids: Iterable[int]) -> None:
    """Recount the unread notifications of these people onto their rows (one query, exact whatever came before)."""
    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    User.objects.filter(pk__in=set(user_ids)).update(
        unread_notifications=Coalesce(Subquery(unread, output_field=models.PositiveIntegerField()), 0)
    )


def in_source_language(function: Callable[P, R]) -> Callable[P, R]:
    """Raise an event's notifications in the portal's source language (English), whoever's request raises them.

    A notification's title and text are written once, for every recipient: without this, a Spanish-speaking
    manager's approval would tell an English-speaking colleague in Spanish. The inbox, the e-mail around the title
    and the digests are in each recipient's own language (docs/translation/README.md)."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with translation.override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    return wrapper


def notify(
    *,
    kind: str,
    recipients: Iterable[User | int],
    target: models.Model,
    event_key: str,
    title: str,
    url: str,
    body: str = "",
    actor: User | None = None,
) -> int:
    """Tell `recipients` about one event: each person once per `kind` and `event_key`, however often it is raised.

    Left out: the person who caused it (`actor`), deactivated people, and anyone who may not see `target` under the
    kind's selector. Each person's preference decides the e-mail (at once, in a digest, or none); e-mails at once
    are sent by a Celery job after the transaction commits. Returns the number of notifications added."""
    declared = notification_kind(kind)
    event_key = event_key[:200]
    ids = {r if isinstance(r, int) else r.pk for r in recipients}
    if actor is not None:
        ids.discard(actor.pk)
    people = people_primed(ids)
    if not people:
        return 0
    seeing = {
        person for person, _pk in visible_pairs(kind=declared, people=list(people.values()), target_ids=[target.pk])
    }
    people = {pk: person for pk, person in people.items() if pk in seeing}
    if not people:
        return 0
    deliveries = deliveries_for(kind=declared, people=people.values())
    target_type = ContentType.objects.get_for_model(target)
    now = timezone.now()
    with transaction.atomic():
        already = set(
            Notification.objects.filter(kind=kind, event_key=event_key, recipient__in=people).values_list(
                "recipient_id", flat=True
            )
        )
        new = [
            Notification(
                recipient_id=pk,
                kind=kind,
                event_key=event_key,
                actor=actor,
                target_type=target_type,
                target_id=target.pk,
                title=_shorten(title, TITLE_MAX),
                body=_shorten(body, BODY_MAX),
                url=url,
                created_at=now,
                delivery=deliveries[pk],
            )
            for pk in people
            if pk not in already
        ]
        if not new:
            return 0
        Notification.objects.bulk_create(new, ignore_conflicts=True)
        immediate = [n.recipient_id for n in new if n.delivery == Delivery.IMMEDIATE]
        if immediate and not _EMAILS_HELD.get():
            _immediate_emails_queue(kind=kind, event_key=event_key, recipient_ids=immediate)
        unread_counts_refresh(user_ids=[n.recipient_id for n in new])
    return len(new)


def _immediate_emails_queue(*, kind: str, event_key: str, recipient_ids: list[int]) -> None:
    """One e-mail per new notification wanted at once (keyed by the notification, so never two), sent on commit."""
    from equity.notifications.tasks import email_deliveries_kick

    waiting = Notification.objects.filter(
        kind=kind, event_key=event_key, recipient_id__in=recipient_ids, email__isnull=True
    ).values_list("pk", "recipient_id")
    EmailDelivery.objects.bulk_create(
        [
            EmailDelivery(key=f"{IMMEDIATE_KEY_PREFIX}{pk}", recipient_id=recipient, frequency=Delivery.IMMEDIATE)
            for pk, recipient in waiting
        ],
        ignore_conflicts=True,
    )
    own_key = Concat(Value(IMMEDIATE_KEY_PREFIX), Cast(OuterRef("pk"), models.CharField()))
    Notification.objects.filter(
        kind=kind, event_key=event_key, recipient_id__in=recipient_ids, email__isnull=True
    ).update(email=Subquery(EmailDelivery.objects.filter(key=own_key).values("pk")[:1]))
    transaction.on_commit(email_deliveries_kick)


def notification_mark_read(*, user: User, notification: Notification) -> None:
    """Mark one of the user's notifications read (reading it twice changes nothing)."""
    if notification.recipient_id != user.pk:
        raise PermissionError("Not the recipient.")
    if notification.read_at is None:
        with transaction.atomic():
            Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
            unread_counts_refresh(user_ids=[user.pk])


def notifications_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of the user read; returns how many were unread."""
    with transaction.atomic():
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
        unread_counts_refresh(user_ids=[user.pk])
    return count


def preference_set(*, user: User, kind: str, delivery: Delivery) -> NotificationPreference:
    """Record how `user` hears about `kind` (audited; the same choice again changes nothing)."""
    notification_kind(kind)  # a declared kind only
    with transaction.atomic():
        preference = NotificationPreference.objects.select_for_update().filter(user=user, kind=kind).first()
        if preference is None:
            preference = NotificationPreference(user=user, kind=kind, delivery=delivery)
        elif preference.delivery == delivery:
            return preference
        preference.delivery = delivery
        return audited_save(preference, author=user)  # type: ignore[return-value]
