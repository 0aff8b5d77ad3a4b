"""Celery tasks of the plans app; thin wrappers around services."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from plans.notices.daily import action_notices_send
from plans.reminders import reminders_send


@shared_task
def send_update_reminders() -> int:
    """Daily: email reminders for progress updates due soon (accountable people) or overdue (managers)."""
    return reminders_send(today=timezone.localdate())


@shared_task(name="plans.notices_daily")
def notices_daily() -> int:
    """Daily at 06:00 (city time): notifications for actions not started, due soon or overdue (idempotent)."""
    return action_notices_send(today=timezone.localdate())
