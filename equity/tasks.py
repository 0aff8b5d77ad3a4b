"""Core Celery tasks."""

from celery import shared_task


@shared_task
def ping() -> str:
    """Answer 'pong': lets health checks and tests prove a worker is consuming the queue."""
    return "pong"
