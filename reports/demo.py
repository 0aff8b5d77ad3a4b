"""Demo report history for `manage.py seed_demo` (idempotent): past jobs whose files the retention already removed."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from equity.audit import audited_save
from equity.contributions import DEMO_SEEDERS
from equity.demo import DemoCity
from reports.models import ReportJob

# username, kind, title, status, days ago
DEMO_JOBS = [
    ("equity", "plan_progress", "Plan progress report: Citywide Racial Equity Action Plan, 2026 Q3", "done", 60),
    ("manager", "training_completion", "Training completion report, 2026", "done", 45),
    ("equity", "worksheet", "Equity tool worksheet: Down-payment assistance redesign", "failed", 30),
]


@DEMO_SEEDERS.register(order=90)
def seed(city: DemoCity) -> None:
    """Three past jobs so the Reports page shows a history; the row outlives its file."""
    if ReportJob.objects.filter(requested_by__in=[city.users["equity"], city.users["manager"]]).exists():
        return
    now = timezone.now()
    for username, kind, title, status, days in DEMO_JOBS:
        queued = now - timedelta(days=days)
        user = city.users[username]
        job = ReportJob(
            kind=kind,
            title=title,
            requested_by=user,
            department=user.departments.first(),
            status=status,
            attempts=1,
            queued_at=queued,
            sent_at=queued,
            started_at=queued + timedelta(seconds=1),
            finished_at=queued + timedelta(seconds=12),
            page_count=14 if status == "done" else None,
            purged_at=queued + timedelta(days=30) if status == "done" else None,
            error="The worksheet could not be laid out; the equity team has been told." if status == "failed" else "",
        )
        audited_save(job, author=user)
