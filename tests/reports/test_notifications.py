"""A report's requester hears that it is ready (inbox) or failed (e-mail at once): once per outcome, again when a
retried job finishes, also when its runs were lost too often, and nobody else (not the equity team, who see every
job)."""

import socket
import subprocess
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from equity.models import EmailDelivery, Notification
from reports import jobs, sweeps
from reports.models import ReportJob
from reports.notices import FAILED, READY
from reports.tasks import report_build
from tests.reports.factories import request_roster

pytestmark = pytest.mark.django_db
Status = ReportJob.Status


@pytest.fixture
def sent(monkeypatch):
    """Record task sends instead of publishing them."""
    calls = []
    monkeypatch.setattr(report_build, "apply_async", lambda **kw: calls.append(kw))
    return calls


def _told(kind: str) -> list[tuple[str, int | None]]:
    rows = Notification.objects.filter(kind=kind).order_by("pk").values_list("recipient__username", "target_id")
    return list(rows)


class Explodes:
    def __init__(self, **kwargs):
        raise ValueError("unsupported image format")


def test_a_finished_job_tells_its_requester_once_in_the_inbox(personas, sent, client):
    job = request_roster(user=personas.manager, department=personas.dept)
    assert jobs.report_job_run(job_id=job.pk) == Status.DONE
    assert jobs.report_job_run(job_id=job.pk) is None  # delivered twice: nothing more
    assert _told(READY) == [("manager", job.pk)] and _told(FAILED) == []  # not the equity team, who see every job
    note = Notification.objects.get(kind=READY)
    assert note.title == f"Your report is ready: {job.title}" and note.delivery == "inbox" and note.email is None
    assert note.url == reverse("reports:job_detail", args=[job.pk])
    client.force_login(personas.manager)
    assert client.get(note.url).status_code == 200


def test_a_failed_job_tells_its_requester_once_by_email(personas, sent):
    job = request_roster(user=personas.manager, department=personas.dept, kind="test_broken_layout")
    assert jobs.report_job_run(job_id=job.pk) == Status.FAILED
    assert jobs.report_job_run(job_id=job.pk) is None
    assert _told(FAILED) == [("manager", job.pk)] and _told(READY) == []
    note = Notification.objects.get(kind=FAILED)
    assert note.title == f"Your report could not be made: {job.title}" and "layout" in note.body
    assert note.delivery == "immediate"
    assert EmailDelivery.objects.filter(recipient=personas.manager, notifications=note).count() == 1


def _lose_the_run(job, *, owner: str = "elsewhere:1:1", lease_seconds: int = -1) -> None:
    """The job is running under `owner`, whose lease ends in `lease_seconds` (ended when negative)."""
    now = timezone.now()
    ReportJob.objects.filter(pk=job.pk).update(
        status=Status.RUNNING, attempts=1, lease_owner=owner, started_at=now,
        lease_expires_at=now + timedelta(seconds=lease_seconds),
    )  # fmt: skip


def test_a_job_failed_by_lost_runs_tells_its_requester(personas, sent, settings):
    settings.REPORTS_MAX_ATTEMPTS = 2
    job = request_roster(user=personas.manager, department=personas.dept)
    _lose_the_run(job)
    assert sweeps.report_jobs_fail_stuck() == 1  # the first lost run: queued again, nothing to tell
    assert _told(FAILED) == []
    _lose_the_run(job)
    assert sweeps.report_jobs_fail_stuck() == 1  # the second: the job fails
    assert _told(FAILED) == [("manager", job.pk)]
    assert "stopped without finishing 2 times" in Notification.objects.get(kind=FAILED).body
    assert sweeps.report_jobs_fail_stuck() == 0 and len(_told(FAILED)) == 1


def test_a_job_whose_redelivered_run_finds_too_many_lost_runs_tells_its_requester(personas, sent, settings):
    settings.REPORTS_MAX_ATTEMPTS = 1
    job = request_roster(user=personas.manager, department=personas.dept)
    process = subprocess.Popen(["true"])
    process.wait()
    _lose_the_run(job, owner=f"{socket.gethostname()}:{process.pid}:1", lease_seconds=30)  # killed, lease live
    assert jobs.report_job_run(job_id=job.pk) is None  # the redelivery takes it over: its last lost run
    job.refresh_from_db()
    assert job.status == Status.FAILED and _told(FAILED) == [("manager", job.pk)]


def test_a_retried_job_that_succeeds_tells_its_requester_it_is_ready(personas, sent, monkeypatch):
    job = request_roster(user=personas.manager, department=personas.dept)
    with monkeypatch.context() as broken:
        broken.setattr(jobs.render, "HTML", Explodes)
        assert jobs.report_job_run(job_id=job.pk) == Status.FAILED
    jobs.report_job_retry(job=job, user=personas.manager)
    assert jobs.report_job_run(job_id=job.pk) == Status.DONE
    assert _told(FAILED) == [("manager", job.pk)] and _told(READY) == [("manager", job.pk)]


def test_a_job_built_again_after_its_file_was_removed_is_announced_again(personas, sent, settings):
    job = request_roster(user=personas.manager, department=personas.dept)
    assert jobs.report_job_run(job_id=job.pk) == Status.DONE
    settings.REPORTS_RETENTION_DAYS = 0
    assert sweeps.report_files_purge(now=timezone.now() + timedelta(seconds=1)) == 1
    job.refresh_from_db()
    jobs.report_job_retry(job=job, user=personas.manager)
    assert jobs.report_job_run(job_id=job.pk) == Status.DONE
    assert _told(READY) == [("manager", job.pk), ("manager", job.pk)]  # a new outcome: a new notification


def test_a_job_requested_by_the_equity_team_tells_only_them(personas, sent):
    job = request_roster(user=personas.equity, department=personas.dept)
    assert jobs.report_job_run(job_id=job.pk) == Status.DONE
    assert _told(READY) == [("equity", job.pk)]
