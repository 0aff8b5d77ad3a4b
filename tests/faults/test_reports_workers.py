"""Report workers killed mid-build (SIGKILL, what the OOM killer sends): a prefork pool process, then a whole worker.
Each test starts its own redis-server and workers on the test database, stops them by PID, and measures recovery."""

import os
import time
import uuid
from pathlib import Path

import pytest
from celery import current_app

from reports import kinds, sweeps
from reports.models import ReportJob
from tests.faults.processes import RedisServer, Worker
from tests.reports.factories import request_roster
from tests.reports.kinds_for_tests import TEST_KINDS

pytestmark = [
    pytest.mark.fault, pytest.mark.needs_redis, pytest.mark.needs_postgres, pytest.mark.django_db(transaction=True),
]  # fmt: skip
Status = ReportJob.Status
# Short limits so each test stays well under a minute (docs/reliability.md has the numbers with the production lease
# and sweep interval: FAULT_LEASE_SECONDS=30 FAULT_SWEEP_EVERY=15).
LEASE = int(os.environ.get("FAULT_LEASE_SECONDS", "4"))
SWEEP_EVERY = float(os.environ.get("FAULT_SWEEP_EVERY", "1"))
BUILD = LEASE + 4  # seconds a slow report takes: outlives its first lease, so only the heartbeat keeps it
WORKER_ENV = {
    "REPORTS_SOFT_TIME_LIMIT": "15", "REPORTS_HARD_TIME_LIMIT": "20", "REPORTS_VISIBILITY_TIMEOUT": "600",
    "REPORTS_RESTORE_INTERVAL": "1", "REPORTS_LEASE_SECONDS": str(LEASE),
}  # fmt: skip


@pytest.fixture
def broker(settings, tmp_path, monkeypatch):
    """A redis-server of our own, the request path pointed at it, publishing (not in-process), test report kinds."""
    if not RedisServer.available:
        pytest.skip("needs redis-server on PATH")
    server = RedisServer()
    settings.CELERY_BROKER_URL = server.url
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.REPORTS_QUEUE = f"fault-{uuid.uuid4().hex[:8]}"
    settings.REPORTS_LEASE_SECONDS = LEASE
    kinds.report_kinds()
    for kind in TEST_KINDS:
        monkeypatch.setitem(kinds._REGISTRY, kind.code, kind)
    eager = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = False
    yield server
    current_app.conf.task_always_eager = eager
    server.stop()


@pytest.fixture
def workers(broker, settings, tmp_path):
    started: list[Worker] = []

    def start(name: str, pool: str = "solo") -> Worker:
        worker = Worker(broker_url=broker.url, media_root=settings.MEDIA_ROOT, queue=settings.REPORTS_QUEUE,
                        name=name, log_dir=tmp_path, pool=pool, env=WORKER_ENV)  # fmt: skip
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def _wait(job: ReportJob, statuses: set[str], timeout: float, logs=(), sweep: bool = False) -> float:
    """Seconds until the job reaches one of `statuses`; with `sweep`, run beat's recovery sweep every SWEEP_EVERY."""
    started = last_sweep = time.monotonic()
    while time.monotonic() - started < timeout:
        job.refresh_from_db()
        if job.status in statuses:
            return time.monotonic() - started
        if sweep and time.monotonic() - last_sweep >= SWEEP_EVERY:
            sweeps.report_jobs_fail_stuck()
            last_sweep = time.monotonic()
        time.sleep(0.1)
    tails = "\n".join(worker.tail() for worker in logs)
    raise AssertionError(f"job {job.pk} is {job.status} after {timeout}s, expected {statuses}\n{tails}")


def _one_file(job: ReportJob) -> list[str]:
    return sorted(path.name for path in Path(job.file.path).parent.iterdir())


def test_a_killed_pool_process_s_report_is_rebuilt_within_a_minute_with_one_file(personas, workers):
    worker = workers("pool", pool="prefork")
    job = request_roster(user=personas.manager, department=personas.dept, kind="test_slow", seconds=4)
    assert job.sent_at is not None
    _wait(job, {Status.RUNNING}, timeout=40, logs=[worker])
    pool = worker.pool_children()
    assert len(pool) == 1, pool
    signal_sent = time.monotonic()
    Worker.kill_pid(pool[0])  # the pool process only: the worker replaces it and the broker redelivers the task
    job.refresh_from_db()
    assert job.status == Status.RUNNING and not job.file

    elapsed = _wait(job, {Status.DONE, Status.FAILED}, timeout=60, logs=[worker])
    print(f"pool process SIGKILL -> rebuilt in {time.monotonic() - signal_sent:.1f}s (build 4s)")
    assert job.status == Status.DONE, job.error
    assert elapsed < 60 and job.attempts == 2
    assert worker.process.poll() is None  # the worker itself lived on
    assert _one_file(job) == [f"report-{job.pk}.pdf"]


def test_a_killed_worker_s_report_is_rebuilt_by_another_worker_after_its_lease_ends(personas, workers, settings):
    first = workers("first")
    job = request_roster(user=personas.manager, department=personas.dept, kind="test_slow", seconds=BUILD)
    _wait(job, {Status.RUNNING}, timeout=40, logs=[first])
    time.sleep(settings.REPORTS_LEASE_SECONDS + 1)  # longer than the lease: only the heartbeat keeps it alive
    assert sweeps.report_jobs_fail_stuck() == 0
    job.refresh_from_db()
    assert job.status == Status.RUNNING and job.attempts == 1

    first.kill_all()
    killed = time.monotonic()
    second = workers("second")
    bound = (
        BUILD + LEASE + SWEEP_EVERY + 12
    )  # the build, the lease, a sweep and start-up: not the 600 s visibility timeout
    _wait(job, {Status.DONE, Status.FAILED}, timeout=bound, logs=[first, second], sweep=True)
    elapsed = time.monotonic() - killed
    print(f"whole worker SIGKILL -> rebuilt in {elapsed:.1f}s (lease {LEASE}s, sweeps {SWEEP_EVERY}s, build {BUILD}s)")
    assert job.status == Status.DONE, job.error
    assert job.attempts == 2 and job.lost_runs == 1
    assert elapsed < bound
    assert _one_file(job) == [f"report-{job.pk}.pdf"]
