"""Celery tasks of the plans app; thin wrappers around services."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from plans.reminders import reminders_send


@shared_task
def send_update_reminders() -> int:
    """Daily: email reminders for progress updates due soon (accountable people) or overdue (managers)."""
    return reminders_send(today=timezone.localdate())
