"""The Reports pages: requesting, the polled status partial, download permissions, retry, the queue being down."""

import os
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reports import jobs, sweeps
from reports.models import ReportJob
from tests.queries import assert_constant_queries
from tests.reports.factories import request_roster

pytestmark = pytest.mark.django_db
Status = ReportJob.Status


def _create_url(personas, dept=None):
    return reverse("reports:job_create", kwargs={"kind": "department_roster", "target": (dept or personas.dept).pk})


def test_job_create_builds_in_process_and_offers_the_download(client, personas, django_capture_on_commit_callbacks):
    client.force_login(personas.manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_create_url(personas), {"include_inactive": "on"})
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:job_detail", args=[job.pk])
    assert job.params == {"target": personas.dept.pk, "include_inactive": True}
    page = client.get(response["Location"])
    assert job.title in page.content.decode()
    assert reverse("reports:job_download", args=[job.pk]) in page.content.decode()
    download = client.get(reverse("reports:job_download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert 'attachment; filename="staff-and-roles-community-development.pdf"' == download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_job_create_for_an_invisible_department_is_404_and_creates_no_job(client, personas):
    client.force_login(personas.manager)
    response = client.post(_create_url(personas, personas.other_dept))
    assert response.status_code == 404
    assert not ReportJob.objects.exists()


def test_job_create_refused_for_staff_creates_no_job(client, personas):
    client.force_login(personas.staff)
    assert client.post(_create_url(personas)).status_code == 403
    assert not ReportJob.objects.exists()


def test_job_choose_with_a_tampered_target_shows_an_error(client, personas):
    client.force_login(personas.manager)
    url = reverse("reports:job_choose", kwargs={"kind": "department_roster"})
    response = client.get(url, {"target": personas.other_dept.pk})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    response = client.get(url, {"target": personas.dept.pk})
    assert response["Location"] == _create_url(personas)


def test_job_status_partial_polls_while_queued_and_stops_when_done(client, personas, monkeypatch):
    monkeypatch.setattr(jobs, "report_job_send", lambda **kw: True)
    job = request_roster(user=personas.manager, department=personas.dept)
    client.force_login(personas.manager)
    url = reverse("reports:job_status", args=[job.pk])
    html = client.get(url).content.decode()
    assert f'data-hx-get="{url}"' in html and 'data-hx-trigger="every 2s"' in html
    assert "<script" not in html
    jobs.report_job_run(job_id=job.pk)
    html = client.get(url).content.decode()
    assert "every 2s" not in html and "Download PDF" in html and "Ready: 1 page." in html


def test_job_download_needs_the_underlying_record_to_still_be_visible(
    client, personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = request_roster(user=personas.manager, department=personas.dept)
    client.force_login(personas.manager)
    url = reverse("reports:job_download", args=[job.pk])
    assert client.get(url).status_code == 200
    personas.manager.departments.set([personas.other_dept])  # moved to another department
    client.force_login(personas.manager)
    assert client.get(url).status_code == 404
    client.force_login(personas.equity)
    assert client.get(url).status_code == 200


def test_job_download_of_a_missing_or_unfinished_file_is_404(client, personas, monkeypatch):
    monkeypatch.setattr(jobs, "report_job_send", lambda **kw: True)
    job = request_roster(user=personas.manager, department=personas.dept)
    client.force_login(personas.manager)
    url = reverse("reports:job_download", args=[job.pk])
    assert client.get(url).status_code == 404  # still queued
    jobs.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    os.remove(job.file.path)
    assert client.get(url).status_code == 404


def test_job_retry_view_requeues_a_failed_job(client, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = request_roster(user=personas.manager, department=personas.dept, kind="test_broken_layout")
    job.refresh_from_db()
    assert job.status == Status.FAILED
    client.force_login(personas.manager)
    detail = client.get(reverse("reports:job_detail", args=[job.pk])).content.decode()
    assert "Try again" in detail and "layout could not be prepared" in detail
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:job_retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.attempts == 2 and job.status == Status.FAILED  # the layout is still broken: failed again, readably
    done = ReportJob.objects.create(
        kind="department_roster", title="t", params={"target": personas.dept.pk}, requested_by=personas.manager,
        status=Status.DONE, queued_at=timezone.now(), file="reports/x.pdf",
    )  # fmt: skip
    assert client.post(reverse("reports:job_retry", args=[done.pk])).status_code == 403


def test_job_list_shows_my_jobs_and_the_equity_team_sees_all(client, personas, monkeypatch):
    monkeypatch.setattr(jobs, "report_job_send", lambda **kw: True)
    mine = request_roster(user=personas.manager, department=personas.dept)
    theirs = request_roster(user=personas.other_manager, department=personas.other_dept)
    client.force_login(personas.manager)
    html = client.get(reverse("reports:job_list")).content.decode()
    assert reverse("reports:job_detail", args=[mine.pk]) in html
    assert reverse("reports:job_detail", args=[theirs.pk]) not in html
    client.force_login(personas.equity)
    html = client.get(reverse("reports:job_list")).content.decode()
    assert reverse("reports:job_detail", args=[theirs.pk]) in html and "Requested by" in html


@pytest.mark.parametrize("persona", ["manager", "equity"])
def test_report_pages_run_a_fixed_number_of_queries(client, personas, monkeypatch, persona):
    monkeypatch.setattr(jobs, "report_job_send", lambda **kw: True)
    job = request_roster(user=personas.manager, department=personas.dept)
    client.force_login(personas.get(persona))

    def grow():
        for number in range(30):
            request_roster(user=personas.manager, department=personas.dept, number=number)  # 30 distinct requests

    for url in (
        reverse("reports:job_list"),
        reverse("reports:job_detail", args=[job.pk]),
        reverse("reports:job_status", args=[job.pk]),
    ):
        # 11: the list asks once per kind with a per-target rule (roster, certificates) whether to offer it (ADR 0065)
        print(url, assert_constant_queries(client, url, grow=grow, budget=11), "queries")


@pytest.mark.needs_redis
def test_job_request_with_the_broker_down_answers_fast_and_the_sweeper_sends_it_later(
    client, personas, settings, not_eager, django_capture_on_commit_callbacks
):
    import redis

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/5"  # nothing listens on port 1
    client.force_login(personas.manager)
    assert client.get(_create_url(personas)).status_code == 200  # the person opens the form, then submits it
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_create_url(personas))
    elapsed = time.monotonic() - started
    assert elapsed < 2, f"the request took {elapsed:.2f}s with the broker down"
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert "will be built as soon as the queue is back" in response.content.decode()
    job = ReportJob.objects.get()
    assert job.status == Status.QUEUED and job.sent_at is None

    assert sweeps.report_jobs_resend_queued() == 0  # not yet waiting too long
    ReportJob.objects.filter(pk=job.pk).update(queued_at=timezone.now() - timedelta(minutes=10))
    assert sweeps.report_jobs_resend_queued() == 0  # broker still down: stays queued
    settings.CELERY_BROKER_URL = os.environ["REDIS_URL"]  # the broker is back
    broker = redis.Redis.from_url(os.environ["REDIS_URL"])
    try:
        assert sweeps.report_jobs_resend_queued() == 1
        assert broker.llen(settings.REPORTS_QUEUE) == 1
        job.refresh_from_db()
        assert job.status == Status.QUEUED and job.sent_at is not None
    finally:
        broker.delete(settings.REPORTS_QUEUE)


def test_the_reports_page_offers_only_kinds_the_person_may_request(client, personas):
    """Staff were offered the training completion report and the department roster, both ending in 403."""
    roster = reverse("reports:job_choose", kwargs={"kind": "department_roster"})
    completion = reverse("reports:job_choose", kwargs={"kind": "training_completion"})
    client.force_login(personas.staff)
    html = client.get(reverse("reports:job_list")).content.decode()
    assert roster not in html and completion not in html
    client.force_login(personas.manager)
    html = client.get(reverse("reports:job_list")).content.decode()
    assert roster in html and completion in html
    chooser = client.get(roster).content.decode()  # a manager's chooser offers only the departments they manage
    assert personas.dept.name in chooser and personas.other_dept.name not in chooser
