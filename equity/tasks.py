"""Core Celery tasks (Celery discovers `<app>.tasks` in every installed app, so the reports app's tasks too)."""

from celery import shared_task


@shared_task
def ping() -> str:
    """Answer 'pong': lets health checks and tests prove a worker is consuming the queue."""
    return "pong"
