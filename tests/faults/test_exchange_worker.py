"""Large exchange imports on a real Celery worker and a redis-server of the test's own: a job sent from the request
path is imported by the worker, and a job whose worker was lost mid-import is sent again by the sweep and imported
exactly once. Both processes are started here and stopped by PID."""

import time
from datetime import timedelta

import pytest
from celery import current_app
from django.utils import timezone

from library.models import ExchangeImport, Practice
from library.services.exchange import exchange_import_job_send, exchange_imports_recover
from tests.faults.processes import RedisServer, Worker
from tests.library.test_exchange_jobs import _file

pytestmark = [
    pytest.mark.fault, pytest.mark.needs_redis, pytest.mark.needs_postgres, pytest.mark.django_db(transaction=True),
]  # fmt: skip
Status = ExchangeImport.Status


@pytest.fixture
def worker(settings, tmp_path):
    """A redis-server and one worker on its default queue (where library tasks go), publishing for real."""
    if not RedisServer.available:
        pytest.skip("needs redis-server on PATH")
    server = RedisServer()
    settings.CELERY_BROKER_URL = server.url
    eager = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = False
    process = Worker(broker_url=server.url, media_root=str(tmp_path), queue="celery", name="library", log_dir=tmp_path)
    yield process
    process.stop()
    current_app.conf.task_always_eager = eager
    server.stop()


def _wait_done(job: ExchangeImport, worker: Worker, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in (Status.DONE, Status.FAILED):
            return
        time.sleep(0.2)
    raise AssertionError(f"import job is {job.status} after {timeout} s\n{worker.tail()}")


def test_a_worker_imports_a_large_file_sent_from_the_request_path(personas, worker):
    job = ExchangeImport.objects.create(uploaded_by=personas.equity, filename="big.json", payload=_file(3).decode())
    assert exchange_import_job_send(job=job)
    _wait_done(job, worker)
    assert (job.status, job.practices_created, job.payload, Practice.objects.count()) == (Status.DONE, 3, "", 3)


def test_a_job_whose_worker_was_lost_is_swept_and_imported_exactly_once(personas, worker):
    lost = timezone.now() - timedelta(minutes=11)  # "importing" far past any import's time: its worker died
    job = ExchangeImport.objects.create(uploaded_by=personas.equity, filename="big.json", payload=_file(3).decode())
    ExchangeImport.objects.filter(pk=job.pk).update(status=Status.RUNNING, started_at=lost, sent_at=lost, attempts=1)
    assert exchange_imports_recover() == 1
    _wait_done(job, worker)
    assert (job.status, job.attempts, Practice.objects.count()) == (Status.DONE, 2, 3)
    assert exchange_imports_recover() == 0 and Practice.objects.count() == 3
