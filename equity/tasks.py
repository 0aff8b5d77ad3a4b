"""Core Celery tasks; Celery discovers `<app>.tasks`, so the report pipeline's tasks are imported here too."""

from celery import shared_task

from equity.reports.tasks import report_build, report_files_purge, report_jobs_fail_stuck, report_jobs_resend_queued

__all__ = ["ping", "report_build", "report_files_purge", "report_jobs_fail_stuck", "report_jobs_resend_queued"]


@shared_task
def ping() -> str:
    """Answer 'pong': lets health checks and tests prove a worker is consuming the queue."""
    return "pong"
