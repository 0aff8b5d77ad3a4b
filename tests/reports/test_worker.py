"""Real Celery workers against Redis: a report built end to end, and a worker killed mid-job (SIGKILL)."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.db import connection

from reports.models import ReportJob
from tests.reports.factories import pdf_text, request_roster

pytestmark = [pytest.mark.needs_redis, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
Status = ReportJob.Status


class Worker:
    """A `celery worker --pool solo` subprocess on the test database and a unique queue, stopped by its PID."""

    def __init__(self, *, settings, tmp_path, name: str):
        db = connection.settings_dict
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.reports.worker_settings",  # with the test-only report kinds
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
            "TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "REPORTS_HARD_TIME_LIMIT": "3",
            "REPORTS_SOFT_TIME_LIMIT": "2",
            "REPORTS_VISIBILITY_TIMEOUT": "5",
            "REPORTS_RESTORE_INTERVAL": "1",
        }
        self.log = tmp_path / f"{name}.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "equity", "worker", "--pool", "solo", "--concurrency", "1",
             "-Q", settings.REPORTS_QUEUE, "--hostname", f"{name}@%h", "--loglevel", "INFO",
             "--without-heartbeat", "--without-gossip", "--without-mingle"],
            cwd=ROOT, env=env, stdout=self.log.open("wb"), stderr=subprocess.STDOUT,
        )  # fmt: skip

    def kill(self, sig=signal.SIGTERM) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, sig)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)


@pytest.fixture
def workers(settings, tmp_path, not_eager):
    started: list[Worker] = []

    def start(name: str) -> Worker:
        worker = Worker(settings=settings, tmp_path=tmp_path, name=name)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.kill()
    redis.Redis.from_url(os.environ["REDIS_URL"]).delete(settings.REPORTS_QUEUE)


def _wait_for(job: ReportJob, statuses: set[str], timeout: float, workers_logs=()) -> ReportJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in statuses:
            return job
        time.sleep(0.1)
    logs = "\n".join(w.log.read_text(errors="replace")[-3000:] for w in workers_logs)
    raise AssertionError(f"job {job.pk} is {job.status} after {timeout}s, expected {statuses}\n{logs}")


def test_worker_builds_a_report_end_to_end(personas, workers):
    worker = workers("one")
    job = request_roster(user=personas.manager, department=personas.dept)  # autocommit: sent at once
    assert job.sent_at is not None
    job = _wait_for(job, {Status.DONE, Status.FAILED}, timeout=60, workers_logs=[worker])
    assert job.status == Status.DONE, job.error
    text = pdf_text(job.file.path)
    assert "Staff and roles: Community Development" in text and "Mia Manager" in text and "Page 1 of 1" in text


def test_worker_builds_a_spanish_report_in_spanish(personas, workers):
    """The worker renders in the job's language, not its own (ADR 0061): /Lang and Django's Spanish dates."""
    from django.utils import translation
    from pypdf import PdfReader

    worker = workers("spanish")
    with translation.override("es"):
        job = request_roster(user=personas.manager, department=personas.dept)
    job = _wait_for(job, {Status.DONE, Status.FAILED}, timeout=60, workers_logs=[worker])
    assert job.status == Status.DONE, job.error
    assert job.language == "es"
    assert str(PdfReader(job.file.path).trailer["/Root"]["/Lang"]) == "es"
    assert re.search(r"\d{1,2} de [a-z]+ de 20\d\d", pdf_text(job.file.path))


def test_worker_killed_mid_job_the_job_completes_after_a_new_worker_starts(personas, workers):
    first = workers("first")
    job = request_roster(user=personas.manager, department=personas.dept, kind="test_slow", seconds=3)
    _wait_for(job, {Status.RUNNING}, timeout=60, workers_logs=[first])
    first.kill(signal.SIGKILL)
    assert first.process.returncode == -signal.SIGKILL
    job.refresh_from_db()
    assert job.status == Status.RUNNING and job.attempts == 1 and not job.file

    second = workers("second")
    job = _wait_for(job, {Status.DONE, Status.FAILED}, timeout=90, workers_logs=[first, second])
    assert job.status == Status.DONE, job.error
    assert job.attempts == 2
    assert "Mia Manager" in pdf_text(job.file.path)
    assert [p.name for p in Path(job.file.path).parent.iterdir()] == [f"report-{job.pk}.pdf"]


def test_worker_fails_a_job_with_invalid_parameters_with_a_readable_reason(personas, workers):
    """A training completion job without its period (an old request's row): the worker checks the parameters with
    the kind's form before building and stores why, never a Python error (ADR 0065)."""
    from django.utils import timezone

    from reports.jobs import report_job_send

    worker = workers("invalid")
    job = ReportJob.objects.create(
        kind="training_completion",
        title="Training completion",
        params={"target": None},
        requested_by=personas.manager,
        queued_at=timezone.now(),
    )
    assert report_job_send(job=job)
    job = _wait_for(job, {Status.DONE, Status.FAILED}, timeout=60, workers_logs=[worker])
    assert job.status == Status.FAILED and not job.file
    assert job.error.startswith("The report's settings are not valid") and "Completed from" in job.error
    assert "KeyError" not in job.error and "Traceback" not in job.error
