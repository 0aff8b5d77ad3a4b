"""Notifications for tests, made through the real API (`notify`) about report jobs, or as rows for list sizes."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from equity.models import Notification
from equity.notifications.services import notify, unread_counts_refresh
from reports.models import ReportJob
from reports.notices import FAILED, READY


def report_job(user, *, title: str = "Staff and roles: Community Development") -> ReportJob:
    """A finished report job `user` asked for (its target is their first department)."""
    department = user.departments.first()
    now = timezone.now()
    return ReportJob.objects.create(
        kind="department_roster",
        title=title,
        params={"target": department.pk if department else None},
        requested_by=user,
        department=department,
        queued_at=now,
        status=ReportJob.Status.DONE,
        finished_at=now,
    )


def report_ready(user, *, title: str = "Staff and roles: Community Development", actor=None) -> Notification:
    """Tell `user` that a report of theirs is ready, as the worker does; returns the notification."""
    job = report_job(user, title=title)
    added = notify(
        kind=READY,
        recipients=[user],
        target=job,
        event_key=f"report:{job.pk}:done",
        title=f"Your report is ready: {title}",
        url=reverse("reports:job_detail", args=[job.pk]),
        actor=actor,
    )
    assert added == 1
    return Notification.objects.get(recipient=user, kind=READY, target_id=job.pk)


def notification_rows(user, count: int, *, unseen_every: int = 3) -> None:
    """`count` notification rows for `user` (every `unseen_every`-th about a job they may not see), two kinds."""
    own = report_job(user, title="Own report")
    stranger_job = ReportJob.objects.create(
        kind="department_roster", title="Someone else's", params={}, requested_by=_stranger(), queued_at=timezone.now()
    )
    job_type = ContentType.objects.get_for_model(ReportJob)
    start = Notification.objects.filter(recipient=user).count()
    now = timezone.now()
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                kind=READY if i % 2 else FAILED,
                event_key=f"bulk:{start + i}",
                target_type=job_type,
                target_id=(stranger_job if i % unseen_every == 0 else own).pk,
                title=f"Notification {start + i}",
                url=reverse("reports:job_detail", args=[own.pk]),
                created_at=now - timedelta(minutes=start + i),
                delivery="inbox",
            )
            for i in range(count)
        ]
    )
    unread_counts_refresh(user_ids=[user.pk])


def _stranger():
    from tests.factories import UserFactory

    return UserFactory()
