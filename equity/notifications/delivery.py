"""Sending the queued e-mails: claimed in batches under row locks, sent over one SMTP connection, each outcome
recorded (sent, failed, bounced, or dropped when nothing is left to tell).

Once sent, an e-mail is never sent again. A claim lasts `NOTIFICATIONS_EMAIL_CLAIM_SECONDS`: a worker killed in the
middle of a batch leaves its e-mails to be claimed again after that (the one it was sending may then go twice; its
Message-ID is the same, see docs/notifications.md). SMTP errors that may pass (4xx, a lost connection) are retried
with doubling waits up to `NOTIFICATIONS_EMAIL_MAX_ATTEMPTS`; a refused recipient (5xx) is recorded as bounced.
"""

from __future__ import annotations

import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from equity.models import EmailDelivery, Notification, User
from equity.notifications.kinds import notification_kinds
from equity.notifications.messages import email_build
from equity.notifications.visibility import people_primed, visible_pairs

logger = logging.getLogger(__name__)
Status = EmailDelivery.Status


@dataclass
class SendResult:
    """What one run did, by status, and when the earliest retry is due (None: no retry waiting)."""

    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    next_retry_at: datetime | None = None
    claimed: int = 0


def _claim(*, now: datetime, limit: int) -> list[EmailDelivery]:
    """Take up to `limit` due e-mails (queued and due, or claimed by a worker that stopped answering)."""
    stale = now - timedelta(seconds=settings.NOTIFICATIONS_EMAIL_CLAIM_SECONDS)
    due = Q(status=Status.QUEUED, next_attempt_at__lte=now) | Q(status=Status.SENDING, claimed_at__lt=stale)
    with transaction.atomic():
        rows = list(
            EmailDelivery.objects.select_for_update(skip_locked=True)
            .filter(due)
            .order_by("next_attempt_at", "pk")[:limit]
        )
        EmailDelivery.objects.filter(pk__in=[row.pk for row in rows]).update(status=Status.SENDING, claimed_at=now)
    for row in rows:
        row.status, row.claimed_at = Status.SENDING, now
    return rows


def _items_visible(deliveries: list[EmailDelivery]) -> tuple[dict[int, list[Notification]], dict[int, User]]:
    """Each delivery's notifications that its recipient may still see, and the (active) recipients."""
    notes = list(Notification.objects.filter(email__in=deliveries).order_by("created_at", "pk"))
    people = people_primed({d.recipient_id for d in deliveries})
    kinds = notification_kinds()
    by_kind: dict[str, list[Notification]] = defaultdict(list)
    for note in notes:
        by_kind[note.kind].append(note)
    seen: set[tuple[str, int, int]] = set()
    for code, group in by_kind.items():
        if code not in kinds:
            continue
        readers = [people[pk] for pk in {n.recipient_id for n in group} if pk in people]
        pairs = visible_pairs(kind=kinds[code], people=readers, target_ids=[n.target_id for n in group if n.target_id])
        seen.update((code, person, pk) for person, pk in pairs)
    items: dict[int, list[Notification]] = defaultdict(list)
    for note in notes:
        if note.target_id is not None and (note.kind, note.recipient_id, note.target_id) in seen:
            items[note.email_id].append(note)  # type: ignore[index]
    return items, people


def _retry_or_fail(delivery: EmailDelivery, *, now: datetime, error: str) -> None:
    delivery.attempts += 1
    delivery.last_error = error[:500]
    if delivery.attempts >= settings.NOTIFICATIONS_EMAIL_MAX_ATTEMPTS:
        delivery.status = Status.FAILED
    else:
        delivery.status = Status.QUEUED
        wait = settings.NOTIFICATIONS_EMAIL_RETRY_SECONDS * 2 ** (delivery.attempts - 1)
        delivery.next_attempt_at = now + timedelta(seconds=wait)


def _record_error(delivery: EmailDelivery, exc: Exception, *, now: datetime) -> None:
    """Classify an SMTP error: a recipient refused for good is a bounce, other 5xx a failure, the rest retried."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in exc.recipients.values()]
        if codes and all(code >= 500 for code in codes):
            delivery.attempts += 1
            delivery.status = Status.BOUNCED
            delivery.last_error = str(exc.recipients)[:500]
            return
    elif isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code >= 500:
        delivery.attempts += 1
        delivery.status = Status.FAILED
        delivery.last_error = f"{exc.smtp_code} {exc.smtp_error!r}"[:500]
        return
    _retry_or_fail(delivery, now=now, error=f"{type(exc).__name__}: {exc}")


def _send_all(claimed: list[EmailDelivery], *, now: datetime) -> None:
    items, people = _items_visible(claimed)
    to_send = []
    for delivery in claimed:
        person = people.get(delivery.recipient_id)
        if person is None or not person.email or not items.get(delivery.pk):
            delivery.status = Status.DROPPED
            continue
        delivery.recipient = person
        to_send.append(delivery)
    if not to_send:
        return
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except Exception as exc:  # noqa: BLE001 - any failure to reach the server is retried for every e-mail
        for delivery in to_send:
            _record_error(delivery, exc, now=now)
        return
    try:
        for index, delivery in enumerate(to_send):
            message = email_build(delivery, items[delivery.pk])
            message.connection = connection
            try:
                message.send()
            except (smtplib.SMTPException, OSError) as exc:
                logger.warning("E-mail %s not sent: %s", delivery.key, exc)
                _record_error(delivery, exc, now=now)
                if _connection_lost(exc) and not _reconnect(connection):
                    for waiting in to_send[index + 1 :]:  # the server is gone: the rest wait for their retry
                        _record_error(waiting, exc, now=now)
                    return
                continue
            delivery.status = Status.SENT
            delivery.sent_at = timezone.now()
            delivery.attempts += 1
            delivery.message_id = message.extra_headers["Message-ID"]
    finally:
        try:
            connection.close()
        except Exception:  # noqa: BLE001 - the server may already have gone
            logger.info("SMTP connection closed uncleanly")


def _connection_lost(exc: Exception) -> bool:
    """A refusal (an SMTP reply) leaves the session usable; a dropped connection or a socket error does not."""
    return isinstance(exc, smtplib.SMTPServerDisconnected) or not isinstance(exc, smtplib.SMTPException)


def _reconnect(connection) -> bool:
    try:
        connection.close()
    except Exception:  # noqa: BLE001 - the old connection is dead anyway
        logger.info("SMTP connection closed uncleanly")
    try:
        connection.open()
    except Exception as exc:  # noqa: BLE001 - reaching the server failed: the caller retries the rest later
        logger.warning("SMTP server not reachable again: %s", exc)
        return False
    return True


def email_deliveries_send(*, now: datetime | None = None, limit: int | None = None) -> SendResult:
    """Send one batch of due e-mails and record each outcome (a fixed number of queries for the batch)."""
    now = now or timezone.now()
    claimed = _claim(now=now, limit=limit or settings.NOTIFICATIONS_EMAIL_BATCH)
    result = SendResult(claimed=len(claimed))
    if not claimed:
        return result
    try:
        _send_all(claimed, now=now)
    finally:
        for delivery in claimed:
            if delivery.status == Status.SENDING:  # not reached: an unexpected error stopped the batch
                _retry_or_fail(delivery, now=now, error="stopped before sending")
        EmailDelivery.objects.bulk_update(
            claimed, ["status", "attempts", "next_attempt_at", "sent_at", "last_error", "message_id", "claimed_at"]
        )
    for delivery in claimed:
        result.counts[delivery.status] += 1
        if delivery.status == Status.QUEUED and (
            result.next_retry_at is None or delivery.next_attempt_at < result.next_retry_at
        ):
            result.next_retry_at = delivery.next_attempt_at
    return result
