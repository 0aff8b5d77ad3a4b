"""Daily and weekly digests: the notifications people chose to receive together, one e-mail per person and period.

Periods are days and weeks in the city's time zone (TIME_ZONE) that end at the digest hour (NOTIFICATIONS_DIGEST_HOUR,
07:00): the daily digest covers the 24 hours up to this morning's digest hour, the weekly one the week up to Monday's,
so the notices the daily scans raise at 06:00 reach the same morning's digest. Across a daylight-saving change a
period covers 23 or 25 hours (167 or 169 for a week). A digest takes every notification of its frequency not yet in
an e-mail and made before the period's end, so a run missed by beat is made up by the next. Building is idempotent:
each person's digest has a unique key per frequency and period, and notifications join only a digest not yet sent.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from equity.models import EmailDelivery, Notification
from equity.notifications.kinds import Delivery


def _local_digest_hour(day: date) -> datetime:
    """The digest hour of `day` in the city's time zone."""
    moment = datetime.combine(day, time(settings.NOTIFICATIONS_DIGEST_HOUR))
    return timezone.make_aware(moment, timezone.get_current_timezone())


def digest_period(*, frequency: str, now: datetime) -> tuple[datetime, datetime]:
    """The period a digest run at `now` covers, the last one to have ended: the day (daily) or the week from Monday
    (weekly) up to the latest digest hour at or before `now`, as aware datetimes."""
    today = timezone.localtime(now).date()
    if frequency == Delivery.DAILY:
        end_day = today if now >= _local_digest_hour(today) else today - timedelta(days=1)
        return _local_digest_hour(end_day - timedelta(days=1)), _local_digest_hour(end_day)
    if frequency == Delivery.WEEKLY:
        monday = today - timedelta(days=today.weekday())
        if now < _local_digest_hour(monday):
            monday -= timedelta(days=7)
        return _local_digest_hour(monday - timedelta(days=7)), _local_digest_hour(monday)
    raise ValueError(f"Not a digest frequency: {frequency}")


def _key_prefix(frequency: str, start: datetime) -> str:
    return f"digest:{frequency}:{timezone.localtime(start).date().isoformat()}:"


def digests_build(*, frequency: str, now: datetime | None = None) -> int:
    """Queue this period's digest for everyone with notifications waiting for it; returns how many were queued.
    A fixed number of queries, whatever the number of people."""
    now = now or timezone.now()
    start, end = digest_period(frequency=frequency, now=now)
    prefix = _key_prefix(frequency, start)
    waiting = Notification.objects.filter(delivery=frequency, email__isnull=True, created_at__lt=end)
    with transaction.atomic():
        recipients = list(waiting.order_by().values_list("recipient_id", flat=True).distinct())
        if not recipients:
            return 0
        EmailDelivery.objects.bulk_create(
            [
                EmailDelivery(
                    key=f"{prefix}{pk}", recipient_id=pk, frequency=frequency, period_start=start, period_end=end
                )
                for pk in recipients
            ],
            ignore_conflicts=True,
        )
        own_digest = EmailDelivery.objects.filter(
            key=Concat(Value(prefix), Cast(OuterRef("recipient_id"), models.CharField())),
            status=EmailDelivery.Status.QUEUED,
        ).values("pk")[:1]
        # Locked until the notifications are attached: a sender claims (skip_locked) a digest only after this, so
        # nothing joins a digest whose items a sender has already read.
        queued = list(
            EmailDelivery.objects.select_for_update()
            .filter(key__startswith=prefix, status=EmailDelivery.Status.QUEUED)
            .values_list("pk", flat=True)
        )
        waiting.update(email=Subquery(own_digest))
    return len(queued)
