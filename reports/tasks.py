"""Celery tasks for reports: thin wrappers that take a job id and call reports.jobs and reports.sweeps."""

import logging

from celery import shared_task
from django.conf import settings

from reports import jobs, sweeps

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    name="reports.build",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    max_retries=settings.REPORTS_MAX_RETRIES,
    soft_time_limit=settings.REPORTS_SOFT_TIME_LIMIT,
    time_limit=settings.REPORTS_HARD_TIME_LIMIT,
)
def report_build(self, job_id: int) -> str | None:
    """Build one report job's PDF, retrying transient failures with exponential backoff (10 s, 20 s, 40 s...).

    A delivery that meets a live run's lease is sent again for when that lease would end (a fresh message, so it does
    not use up the retries); by then the run has finished (the delivery does nothing) or was lost (it takes over).
    """
    try:
        return jobs.report_job_run(job_id=job_id, final_attempt=self.request.retries >= self.max_retries)
    except jobs.TransientReportError as exc:
        raise self.retry(exc=exc, countdown=min(10 * 2**self.request.retries, 600))
    except jobs.ReportJobBusy as busy:
        logger.info("%s", busy)
        if not self.request.is_eager:  # in-process there is no other run to wait for
            queue = (self.request.delivery_info or {}).get("routing_key") or settings.REPORTS_QUEUE
            report_build.apply_async(kwargs={"job_id": job_id}, queue=queue, countdown=max(1, round(busy.retry_in + 1)))
        return None


@shared_task(name="reports.resend_queued", ignore_result=True)
def report_jobs_resend_queued() -> int:
    """Beat: re-send jobs that stayed queued too long (e.g. the broker was down when they were requested)."""
    return sweeps.report_jobs_resend_queued()


@shared_task(name="reports.fail_stuck", ignore_result=True)
def report_jobs_fail_stuck() -> int:
    """Beat: queue again jobs whose run was lost (lease ended), or fail them after too many lost runs."""
    return sweeps.report_jobs_fail_stuck()


@shared_task(name="reports.purge_files", ignore_result=True)
def report_files_purge() -> int:
    """Beat: remove report files past the retention period; the job history stays."""
    return sweeps.report_files_purge()
