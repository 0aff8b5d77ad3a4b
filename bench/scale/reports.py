"""City-scale report jobs for measurements: 5,000 jobs over three years, in every status (see bench/scale/core.py)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from bench.scale.core import USER_PREFIX, ScaleCity
from reports.models import ReportJob

KINDS = [
    ("plan_progress", "Plan progress report"),
    ("training_completion", "Training completion report"),
    ("certificates", "Certificates of completion"),
    ("worksheet", "Equity tool worksheet"),
]
STATUSES = [ReportJob.Status.DONE] * 8 + [ReportJob.Status.FAILED, ReportJob.Status.QUEUED]


def seed(city: ScaleCity) -> str:
    """Report jobs requested by scale users; files are not written (their rows say the file was purged)."""
    rng = city.rng
    now = timezone.now()
    jobs = []
    requesters = city.managers + city.equity_team + city.facilitators or city.users
    for i in range(city.count(5000, 20)):
        kind, label = rng.choice(KINDS)
        user = rng.choice(requesters)
        queued = now - timedelta(days=rng.randint(0, 3 * 365), minutes=rng.randint(0, 1440))
        status = rng.choice(STATUSES)
        finished = queued + timedelta(seconds=rng.randint(3, 90)) if status != ReportJob.Status.QUEUED else None
        jobs.append(
            ReportJob(
                kind=kind,
                title=f"{label} #{i + 1}",
                params={},
                requested_by=user,
                department_id=city.user_department.get(user.pk),
                status=status,
                attempts=1 if finished else 0,
                queued_at=queued,
                sent_at=queued,
                started_at=queued + timedelta(seconds=1) if finished else None,
                finished_at=finished,
                page_count=rng.randint(1, 60) if status == ReportJob.Status.DONE else None,
                purged_at=finished + timedelta(days=30) if finished and status == ReportJob.Status.DONE else None,
                error="The report template could not be laid out." if status == ReportJob.Status.FAILED else "",
            )
        )
    bulk_create_with_history(jobs, ReportJob, batch_size=1000)
    return f"{len(jobs)} report jobs"


def reset() -> None:
    """Remove the jobs requested by scale users, and their history."""
    ReportJob.objects.filter(requested_by__username__startswith=USER_PREFIX).delete()
    ReportJob.history.filter(requested_by__username__startswith=USER_PREFIX).delete()  # incl. the deletion rows
