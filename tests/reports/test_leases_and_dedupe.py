"""A run's lease (a killed run's job is taken over, a live run's is waited for), one job per open request, the title
shown only to viewers who may still see the record, and beat's tasks on their own queue (ADR 0043)."""

import socket
import subprocess
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reports import jobs, leases
from reports.models import ReportJob
from reports.tasks import report_build
from tests.reports.factories import request_roster

pytestmark = pytest.mark.django_db
Status = ReportJob.Status


@pytest.fixture
def sent(monkeypatch):
    calls = []
    monkeypatch.setattr(report_build, "apply_async", lambda **kw: calls.append(kw))
    return calls


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def _running(job, *, owner: str, lease_seconds: float, attempts: int = 1) -> None:
    now = timezone.now()
    ReportJob.objects.filter(pk=job.pk).update(
        status=Status.RUNNING, started_at=now, attempts=attempts, lease_owner=owner,
        lease_expires_at=now + timedelta(seconds=lease_seconds),
    )  # fmt: skip


def test_a_redelivered_job_whose_owner_process_died_on_this_host_is_rebuilt_at_once(personas, sent):
    job = request_roster(user=personas.manager, department=personas.dept)
    _running(job, owner=f"{socket.gethostname()}:{_dead_pid()}:1", lease_seconds=30)  # killed: lease still live
    assert jobs.report_job_run(job_id=job.pk) == Status.DONE
    job.refresh_from_db()
    assert (job.status, job.attempts, job.lost_runs, job.lease_owner) == (Status.DONE, 2, 1, "")
    assert [p.name for p in jobs.report_file_path(job=job).parent.iterdir()] == [f"report-{job.pk}.pdf"]


def test_a_reused_pid_is_not_the_owner(personas, sent):
    here = leases.owner_here()
    assert not leases.owner_is_gone(here)
    host, pid, _start = here.split(":")
    assert leases.owner_is_gone(f"{host}:{pid}:0")  # same pid, another start time: another process


def test_a_live_owner_on_another_host_is_waited_for_until_its_lease_ends(personas, sent):
    job = request_roster(user=personas.manager, department=personas.dept)
    _running(job, owner="another-host:1:1", lease_seconds=20)
    with pytest.raises(jobs.ReportJobBusy) as busy:
        jobs.report_job_run(job_id=job.pk)
    assert 18 < busy.value.retry_in <= 20
    _running(job, owner="another-host:1:1", lease_seconds=-1)  # its heartbeat stopped: the lease ended
    assert jobs.report_job_run(job_id=job.pk) == Status.DONE


def test_the_task_sends_a_busy_delivery_again_for_when_the_lease_ends(personas, sent, monkeypatch):
    job = request_roster(user=personas.manager, department=personas.dept)
    _running(job, owner="another-host:1:1", lease_seconds=12)
    report_build.push_request(is_eager=False, delivery_info={"routing_key": "reports-q"}, retries=0)
    try:
        assert report_build.run(job.pk) is None
    finally:
        report_build.pop_request()
    assert sent and sent[-1]["kwargs"] == {"job_id": job.pk} and sent[-1]["queue"] == "reports-q"
    assert 12 <= sent[-1]["countdown"] <= 14


def test_a_job_killed_too_often_fails_with_a_message(personas, sent, settings):
    settings.REPORTS_MAX_ATTEMPTS = 2
    job = request_roster(user=personas.manager, department=personas.dept)
    ReportJob.objects.filter(pk=job.pk).update(lost_runs=1)
    _running(job, owner=f"{socket.gethostname()}:{_dead_pid()}:1", lease_seconds=30, attempts=2)
    assert jobs.report_job_run(job_id=job.pk) is None
    job.refresh_from_db()
    assert job.status == Status.FAILED and "stopped without finishing 2 times" in job.error and not job.file


def test_only_the_lease_owner_publishes(personas, sent):
    job = request_roster(user=personas.manager, department=personas.dept)
    claimed = jobs._claim(job_id=job.pk)
    ReportJob.objects.filter(pk=job.pk).update(lease_owner="another-host:2:2")  # taken over meanwhile
    assert not jobs._finish(job=claimed, status=Status.DONE)
    job.refresh_from_db()
    assert job.status == Status.RUNNING and job.lease_owner == "another-host:2:2"


# --- one job per open request -----------------------------------------------------------------------------------


def test_the_same_request_while_open_is_the_same_job_and_a_different_one_is_new(personas, sent):
    first = request_roster(user=personas.manager, department=personas.dept)
    again = request_roster(user=personas.manager, department=personas.dept)
    assert again.pk == first.pk and again.deduplicated and not first.deduplicated
    assert request_roster(user=personas.manager, department=personas.dept, include_inactive=True).pk != first.pk
    assert request_roster(user=personas.equity, department=personas.dept).pk != first.pk  # another requester
    ReportJob.objects.filter(pk=first.pk).update(status=Status.DONE)
    assert request_roster(user=personas.manager, department=personas.dept).pk != first.pk  # done: a new one
    assert ReportJob.objects.count() == 4


def test_retrying_a_failed_job_while_the_same_request_is_open_gives_the_open_job(personas, sent):
    failed = request_roster(user=personas.manager, department=personas.dept)
    ReportJob.objects.filter(pk=failed.pk).update(status=Status.FAILED)
    open_job = request_roster(user=personas.manager, department=personas.dept)
    failed.refresh_from_db()
    assert jobs.report_job_retry(job=failed, user=personas.manager).pk == open_job.pk
    failed.refresh_from_db()
    assert failed.status == Status.FAILED


def test_posting_the_same_request_twice_shows_the_existing_job(client, personas, sent):
    client.force_login(personas.manager)
    url = reverse("reports:job_create", kwargs={"kind": "department_roster", "target": personas.dept.pk})
    first = client.post(url)
    second = client.post(url, follow=True)
    assert ReportJob.objects.count() == 1
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "You already asked for this report; it is being built." in second.content.decode()


# --- titles of records the viewer may no longer see ---------------------------------------------------------------


def test_a_job_page_and_the_list_hide_the_title_of_a_record_no_longer_visible(client, personas, sent):
    job = request_roster(user=personas.manager, department=personas.dept)
    client.force_login(personas.manager)
    assert (
        "Staff and roles: Community Development"
        in client.get(reverse("reports:job_detail", args=[job.pk])).content.decode()
    )
    personas.manager.departments.set([personas.other_dept])  # moved: Community Development is no longer theirs
    urls = ["reports:job_detail", "reports:job_status", "reports:job_list"]
    for url in [reverse(name, args=[job.pk]) for name in urls[:2]] + [reverse(urls[2])]:
        html = client.get(url).content.decode()
        assert "Staff and roles: Community Development" not in html, url
        if "status" not in url:  # the status partial names the report only beside a download link
            assert "Department staff and roles on a record you can no longer see" in html, url


def test_beat_tasks_run_on_their_own_queue(settings):
    from celery import current_app

    assert settings.CELERY_BEAT_SCHEDULE
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["options"]["queue"] == settings.CELERY_MAINTENANCE_QUEUE != settings.REPORTS_QUEUE
        queue = current_app.amqp.router.route({}, entry["task"])["queue"].name
        assert queue == settings.CELERY_MAINTENANCE_QUEUE, entry["task"]
    assert current_app.amqp.router.route({}, "reports.build")["queue"].name != settings.CELERY_MAINTENANCE_QUEUE
