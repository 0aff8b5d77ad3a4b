"""Celery discovers tasks in `<app>.tasks`; the report pipeline's tasks live in equity.reports.tasks."""

from equity.reports.tasks import report_build, report_files_purge, report_jobs_fail_stuck, report_jobs_resend_queued

__all__ = ["report_build", "report_files_purge", "report_jobs_fail_stuck", "report_jobs_resend_queued"]
