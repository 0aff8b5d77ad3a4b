"""The report pipeline's periodic sweeps (run by Celery beat through reports.tasks): send again jobs left queued,
queue again or fail jobs whose run was lost (ADR 0043), and remove report files past their retention period."""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from reports import jobs, leases
from reports.models import ReportJob

logger = logging.getLogger(__name__)

Status = ReportJob.Status


def report_jobs_resend_queued(*, now=None) -> int:
    """Re-send jobs that stayed queued too long (never sent, or sent but not picked up); returns how many were sent."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.REPORTS_RESEND_AFTER)
    stale = ReportJob.objects.filter(status=Status.QUEUED).filter(
        Q(sent_at__isnull=True, queued_at__lte=cutoff) | Q(sent_at__lte=cutoff)
    )
    sent = 0
    for job in stale.order_by("queued_at")[:500]:
        if not jobs.report_job_send(job=job):
            break  # the broker is still down: try again at the next sweep
        sent += 1
    return sent


def report_jobs_fail_stuck(*, now=None) -> int:
    """Queue and send again running jobs whose lease ended (a lost worker or machine), or fail them after
    REPORTS_MAX_ATTEMPTS lost runs; returns how many. A lost job waits lease + sweep, not the visibility timeout.
    """
    now = now or timezone.now()
    legacy_cutoff = now - timedelta(seconds=settings.REPORTS_STUCK_AFTER)
    lost = Q(lease_expires_at__lt=now) | Q(lease_expires_at__isnull=True, started_at__lte=legacy_cutoff)
    handled = 0
    for pk in ReportJob.objects.filter(lost, status=Status.RUNNING).values_list("pk", flat=True)[:500]:
        with transaction.atomic():
            job = ReportJob.objects.select_for_update().filter(lost, pk=pk, status=Status.RUNNING).first()
            if job is None:
                continue
            logger.warning("Report job %s: the lease of run %s (%s) ended", job.pk, job.attempts, job.lease_owner)
            handled += 1
            if not leases.lose_run(job, now):
                continue
            job.status = Status.QUEUED
            job.started_at = job.sent_at = None
            job.save()
            transaction.on_commit(partial(jobs.report_job_send, job=job))
    return handled


def report_files_purge(*, now=None) -> int:
    """Delete report files older than the retention period; the job rows (and their history) stay."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.REPORTS_RETENTION_DAYS)
    purged = 0
    for job in ReportJob.objects.filter(status=Status.DONE, finished_at__lte=cutoff).exclude(file=""):
        try:
            (Path(settings.MEDIA_ROOT) / str(job.file)).unlink(missing_ok=True)  # never empty: excluded above
        except OSError as exc:
            raise jobs.TransientReportError(str(exc)) from exc
        job.file.name = ""
        job.purged_at = now
        job.save()
        purged += 1
    return purged
