"""The report pipeline in-process: after-commit sending, idempotent runs, failures, sweeps and file retention."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from pypdf import PdfReader

from reports import jobs, leases, sweeps
from reports.models import ReportJob
from reports.tasks import report_build
from tests.reports.factories import pdf_text, request_roster

pytestmark = pytest.mark.django_db
Status = ReportJob.Status


@pytest.fixture
def sent(monkeypatch):
    """Record task sends instead of publishing them."""
    calls = []
    monkeypatch.setattr(report_build, "apply_async", lambda **kw: calls.append(kw))
    return calls


def test_report_job_request_sends_only_after_commit(personas, sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = request_roster(user=personas.manager, department=personas.dept)
    assert sent == []
    assert job.status == Status.QUEUED and job.sent_at is None
    assert job.params == {"target": personas.dept.pk}
    assert job.department == personas.dept
    for callback in callbacks:
        callback()
    assert len(sent) == 1
    assert sent[0]["kwargs"] == {"job_id": job.pk}  # the id, never the instance
    job.refresh_from_db()
    assert job.sent_at is not None


def test_report_job_request_rolled_back_sends_nothing(personas, sent, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            request_roster(user=personas.manager, department=personas.dept)
            raise RuntimeError("the surrounding request failed")
    assert callbacks == [] and sent == []
    assert not ReportJob.objects.exists()


def test_report_build_in_process_makes_a_tagged_pdf_with_its_content(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = request_roster(user=personas.manager, department=personas.dept)
    job.refresh_from_db()
    assert job.status == Status.DONE, job.error
    assert job.attempts == 1 and job.page_count == 1 and job.file_size > 1000
    path = Path(job.file.path)
    text = pdf_text(path)
    assert "Staff and roles: Community Development" in text
    assert "Mia Manager" in text and "Fay Facilitator" in text
    assert "Olu Other" not in text  # Public Works staff are not in the Community Development roster
    assert "Page 1 of 1" in text
    assert "for Mia Manager" in text  # generation line names the requester
    reader = PdfReader(path)
    assert reader.metadata.title == "Staff and roles: Community Development"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"  # the language it was requested in (a portal language; tests/reports/test_languages)
    assert bool(root["/MarkInfo"]["/Marked"])  # tagged PDF (PDF/UA-1)
    assert "pdfuaid" in root["/Metadata"].get_object().get_data().decode()


def test_report_job_run_twice_makes_one_file_and_one_done(personas, sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = request_roster(user=personas.manager, department=personas.dept)
    assert jobs.report_job_run(job_id=job.pk) == Status.DONE
    assert jobs.report_job_run(job_id=job.pk) is None
    job.refresh_from_db()
    assert job.attempts == 1
    files = list(Path(job.file.path).parent.iterdir())
    assert [f.name for f in files] == [f"report-{job.pk}.pdf"]  # no temporary files left behind
    assert job.history.filter(status=Status.DONE).count() == 1


def test_report_job_duplicate_delivery_while_a_live_run_owns_it_waits_for_its_lease(personas, sent, settings):
    job = request_roster(user=personas.manager, department=personas.dept)
    now = timezone.now()
    ReportJob.objects.filter(pk=job.pk).update(
        status=Status.RUNNING, started_at=now, attempts=1, lease_owner=leases.owner_here(),
        lease_expires_at=now + timedelta(seconds=settings.REPORTS_LEASE_SECONDS),
    )  # fmt: skip
    with pytest.raises(jobs.ReportJobBusy) as busy:
        jobs.report_job_run(job_id=job.pk)
    assert 0 < busy.value.retry_in <= settings.REPORTS_LEASE_SECONDS
    job.refresh_from_db()
    assert job.status == Status.RUNNING and job.attempts == 1 and not job.file


def test_report_job_redelivered_after_lost_worker_is_rebuilt(personas, sent, settings):
    job = request_roster(user=personas.manager, department=personas.dept)
    long_ago = timezone.now() - timedelta(seconds=settings.REPORTS_HARD_TIME_LIMIT + 5)
    ReportJob.objects.filter(pk=job.pk).update(status=Status.RUNNING, started_at=long_ago, attempts=1)
    assert jobs.report_job_run(job_id=job.pk) == Status.DONE
    job.refresh_from_db()
    assert job.attempts == 2 and job.file


def test_report_job_losing_run_discards_its_file(personas, sent, monkeypatch):
    job = request_roster(user=personas.manager, department=personas.dept)
    real_write = jobs.render.report_pdf_write

    def write_then_lose(**kwargs):
        rendered = real_write(**kwargs)
        ReportJob.objects.filter(pk=job.pk).update(attempts=99)  # another run took the job over meanwhile
        return rendered

    monkeypatch.setattr(jobs.render, "report_pdf_write", write_then_lose)
    assert jobs.report_job_run(job_id=job.pk) == Status.DONE  # the outcome this run computed...
    job.refresh_from_db()
    assert job.status == Status.RUNNING and not job.file  # ...is not recorded: the other run owns the job
    folder = jobs.report_file_path(job=job).parent
    assert list(folder.iterdir()) == []


def test_report_template_error_fails_the_job_and_the_next_job_builds(personas, sent):
    broken = request_roster(user=personas.manager, department=personas.dept, kind="test_broken_layout")
    good = request_roster(user=personas.manager, department=personas.dept)
    assert jobs.report_job_run(job_id=broken.pk) == Status.FAILED
    assert jobs.report_job_run(job_id=good.pk) == Status.DONE
    broken.refresh_from_db()
    assert broken.status == Status.FAILED and broken.finished_at
    assert "layout could not be prepared" in broken.error
    assert not broken.file


def test_report_weasyprint_failure_fails_the_job_with_a_message(personas, sent, monkeypatch):
    class ExplodingHTML:
        def __init__(self, **kwargs):
            raise ValueError("unsupported image format")

    monkeypatch.setattr(jobs.render, "HTML", ExplodingHTML)
    job = request_roster(user=personas.manager, department=personas.dept)
    assert jobs.report_job_run(job_id=job.pk) == Status.FAILED
    job.refresh_from_db()
    assert job.error.startswith("The report could not be built because of an unexpected error")
    assert "unsupported image format" not in job.error and "ValueError" not in job.error


def test_report_transient_error_requeues_then_fails_on_the_last_attempt(personas, sent, monkeypatch):
    from django.db import OperationalError

    def flaky(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(jobs.render, "report_html", flaky)
    job = request_roster(user=personas.manager, department=personas.dept)
    with pytest.raises(jobs.TransientReportError):
        jobs.report_job_run(job_id=job.pk, final_attempt=False)
    job.refresh_from_db()
    assert job.status == Status.QUEUED and job.attempts == 1
    assert jobs.report_job_run(job_id=job.pk, final_attempt=True) == Status.FAILED
    job.refresh_from_db()
    assert job.attempts == 2 and job.error.startswith("The database could not be reached")
    assert "server closed the connection" not in job.error  # logged, never shown


def test_report_task_retries_transient_errors_with_backoff(personas, sent, monkeypatch):
    from celery.exceptions import Retry

    job = request_roster(user=personas.manager, department=personas.dept)
    monkeypatch.setattr(jobs, "report_job_run", lambda **kw: (_ for _ in ()).throw(jobs.TransientReportError("x")))
    retries = []
    monkeypatch.setattr(report_build, "retry", lambda **kw: retries.append(kw) or Retry())
    with pytest.raises(Retry):
        report_build.run(job.pk)
    assert retries[0]["countdown"] == 10


def test_report_jobs_fail_stuck_requeues_jobs_whose_lease_ended_and_fails_them_after_max_lost_runs(
    personas, sent, settings, django_capture_on_commit_callbacks
):
    settings.REPORTS_STUCK_AFTER, settings.REPORTS_MAX_ATTEMPTS = 60, 2
    now = timezone.now()
    lost = request_roster(user=personas.manager, department=personas.dept)
    legacy = request_roster(user=personas.manager, department=personas.dept, include_inactive=True)
    live = request_roster(user=personas.equity, department=personas.dept)
    running = {"status": Status.RUNNING, "attempts": 1, "lease_owner": "elsewhere:1:1"}
    ReportJob.objects.filter(pk=lost.pk).update(**running, started_at=now, lease_expires_at=now - timedelta(seconds=1))
    ReportJob.objects.filter(pk=legacy.pk).update(**running, started_at=now - timedelta(seconds=61))  # no lease
    ReportJob.objects.filter(pk=live.pk).update(**running, started_at=now, lease_expires_at=now + timedelta(seconds=9))
    sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert sweeps.report_jobs_fail_stuck() == 2
    assert sorted(call["kwargs"]["job_id"] for call in sent) == sorted([lost.pk, legacy.pk])  # sent again at once
    for job in (lost, legacy, live):
        job.refresh_from_db()
    assert (lost.status, lost.lost_runs, lost.lease_owner) == (Status.QUEUED, 1, "")
    assert legacy.status == Status.QUEUED and live.status == Status.RUNNING

    ReportJob.objects.filter(pk=lost.pk).update(**running, started_at=now, lease_expires_at=now - timedelta(seconds=1))
    assert sweeps.report_jobs_fail_stuck() == 1  # its second lost run: REPORTS_MAX_ATTEMPTS reached
    lost.refresh_from_db()
    assert lost.status == Status.FAILED and "stopped without finishing 2 times" in lost.error
    assert jobs.can_retry_report_job(user=personas.manager, job=lost)
    assert not jobs.can_retry_report_job(user=personas.staff, job=lost)
    jobs.report_job_retry(job=lost, user=personas.manager)  # a retry starts a fresh count of lost runs
    lost.refresh_from_db()
    assert lost.status == Status.QUEUED and lost.lost_runs == 0 and lost.error == ""


def test_report_jobs_resend_queued_sends_only_jobs_waiting_too_long(personas, sent, settings):
    settings.REPORTS_RESEND_AFTER = 120
    old = request_roster(user=personas.manager, department=personas.dept)
    new = request_roster(user=personas.manager, department=personas.dept, include_inactive=True)
    ReportJob.objects.filter(pk=old.pk).update(queued_at=timezone.now() - timedelta(minutes=5))
    assert sweeps.report_jobs_resend_queued() == 1
    assert [call["kwargs"]["job_id"] for call in sent] == [old.pk]
    assert sweeps.report_jobs_resend_queued() == 0  # just sent: not again until it waits too long once more
    ReportJob.objects.filter(pk=new.pk).update(queued_at=timezone.now() - timedelta(minutes=5))
    assert sweeps.report_jobs_resend_queued() == 1


def test_report_files_purge_removes_old_files_and_keeps_the_job(personas, settings, django_capture_on_commit_callbacks):
    settings.REPORTS_RETENTION_DAYS = 30
    with django_capture_on_commit_callbacks(execute=True):
        old = request_roster(user=personas.manager, department=personas.dept)
        recent = request_roster(user=personas.manager, department=personas.dept, include_inactive=True)
    ReportJob.objects.filter(pk=old.pk).update(finished_at=timezone.now() - timedelta(days=31))
    old.refresh_from_db()
    old_path = Path(old.file.path)
    assert sweeps.report_files_purge() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert not old_path.exists() and not old.file and old.purged_at and old.status == Status.DONE
    assert Path(recent.file.path).exists()
    assert jobs.can_retry_report_job(user=personas.manager, job=old)  # it can be built again
