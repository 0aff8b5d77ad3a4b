"""The training app's scheduled job: the daily notices (sessions tomorrow, required modules due soon or overdue)."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from training.notices import training_notices_send


@shared_task(name="training.notices_daily", ignore_result=True)
def training_notices_daily_task() -> dict[str, int]:
    """Beat, each morning at 06:00 city time: raise today's notices (running twice the same day adds nothing)."""
    return training_notices_send(today=timezone.localdate())
