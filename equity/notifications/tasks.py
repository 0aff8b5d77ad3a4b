"""The notification e-mail jobs: sending what is queued, and building the daily and weekly digests (on beat)."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from equity.broker import task_send_bounded
from equity.notifications.delivery import email_deliveries_send
from equity.notifications.digests import digests_build
from equity.notifications.kinds import Delivery

BATCHES_PER_RUN = 20


@shared_task(name="equity.notifications.email_send", bind=True, ignore_result=True)
def email_send_task(self) -> dict[str, int]:
    """Send due e-mails batch after batch; when some wait to be retried, run again when the first is due (beat's
    minutely run would also find it)."""
    totals: dict[str, int] = {}
    next_retry = None
    for _batch in range(BATCHES_PER_RUN):
        result = email_deliveries_send()
        for status, count in result.counts.items():
            totals[status] = totals.get(status, 0) + count
        if result.next_retry_at and (next_retry is None or result.next_retry_at < next_retry):
            next_retry = result.next_retry_at
        if not result.claimed:
            break
    if next_retry is not None and not self.request.is_eager:
        self.apply_async(countdown=max(1, int((next_retry - timezone.now()).total_seconds()) + 1))
    return totals


def email_deliveries_kick() -> None:
    """Ask a worker to send what is queued (on commit of a new notification); a broker that is down leaves the
    e-mails queued for beat's minutely run."""
    task_send_bounded(email_send_task, kwargs={})


@shared_task(name="equity.notifications.digests_daily", ignore_result=True)
def digests_daily_task() -> int:
    """Beat, each morning: yesterday's daily digests."""
    queued = digests_build(frequency=Delivery.DAILY)
    email_deliveries_kick()
    return queued


@shared_task(name="equity.notifications.digests_weekly", ignore_result=True)
def digests_weekly_task() -> int:
    """Beat, Monday mornings: last week's weekly digests."""
    queued = digests_build(frequency=Delivery.WEEKLY)
    email_deliveries_kick()
    return queued
