"""Telling the person who asked for a report that it is ready or failed (once per run's outcome)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from equity.notifications.services import in_source_language, notify
from reports.models import ReportJob

READY = "reports.report_ready"
FAILED = "reports.report_failed"


@in_source_language
def report_job_outcome_notify(*, job: ReportJob) -> None:
    """Notify the requester of a finished job (called in the transaction that records the outcome)."""
    if job.requested_by_id is None or job.status not in (ReportJob.Status.DONE, ReportJob.Status.FAILED):
        return
    ready = job.status == ReportJob.Status.DONE
    notify(
        kind=READY if ready else FAILED,
        recipients=[job.requested_by_id],
        target=job,
        event_key=f"report:{job.pk}:{job.status}:{job.attempts}:{job.lost_runs}",
        title=(_("Your report is ready: %(title)s") if ready else _("Your report could not be made: %(title)s"))
        % {"title": job.title},
        body="" if ready else job.error,
        url=reverse("reports:job_detail", args=[job.pk]),
    )
