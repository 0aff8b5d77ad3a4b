"""Sending a task to the broker from a request without waiting on it: one attempt, connect and every reply bounded.

A broker that is down, or that hangs (accepts and never answers), costs the request about `BROKER_SEND_TIMEOUT`
seconds and the caller learns it (False); the record stays queued and a periodic sweep sends it later (ADR 0043).
"""

from __future__ import annotations

import logging

from celery import current_app
from django.conf import settings

logger = logging.getLogger(__name__)


def task_send_bounded(task, *, kwargs: dict, queue: str | None = None) -> bool:
    """Send `task` with `kwargs`; True once the broker took it, False (logged) if it could not be reached in time.
    With no broker configured (tasks run in-process) the task simply runs."""
    timeout = settings.BROKER_SEND_TIMEOUT
    options = {"queue": queue} if queue else {}
    try:
        with current_app.connection_for_write(
            url=settings.CELERY_BROKER_URL,
            connect_timeout=timeout,
            transport_options={"socket_timeout": timeout, "socket_connect_timeout": timeout, "max_retries": 0},
        ) as broker:
            task.apply_async(kwargs=kwargs, connection=broker, retry=False, **options)
    except Exception as exc:  # noqa: BLE001 - any broker failure leaves the record queued, never fails the request
        logger.warning("Task %s not sent, the broker is unreachable (%s): %s", task.name, exc, kwargs)
        return False
    return True
