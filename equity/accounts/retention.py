"""How long the security trail is kept: events older than SECURITY_EVENTS_KEEP_DAYS are removed daily."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from equity.models import SecurityEvent


def security_events_purge() -> int:
    """Delete security events past the retention period; returns how many went."""
    cutoff = timezone.now() - timedelta(days=settings.SECURITY_EVENTS_KEEP_DAYS)
    deleted, _ = SecurityEvent.objects.filter(at__lt=cutoff).delete()
    return deleted
