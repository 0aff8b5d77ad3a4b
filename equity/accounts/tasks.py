"""Periodic work for the security trail (Celery beat, equity/settings.py)."""

from __future__ import annotations

from celery import shared_task

from equity.accounts.retention import security_events_purge


@shared_task(name="equity.accounts.security_events_purge", ignore_result=True)
def security_events_purge_task() -> int:
    """Daily: remove security events past SECURITY_EVENTS_KEEP_DAYS (docs/accounts/sessions.md)."""
    return security_events_purge()
