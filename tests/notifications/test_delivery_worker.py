"""A real Celery worker on Redis sends a notification e-mail to a real SMTP server: the commit of the notification
sends `equity.notifications.email_send` to the broker, the worker takes it and the server receives the message."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from celery import current_app
from django.db import connection, transaction

from equity.models import EmailDelivery
from reports.notices import report_job_outcome_notify
from tests.notifications.smtp import report_job

pytestmark = [
    pytest.mark.needs_redis,
    pytest.mark.needs_postgres,  # the worker is another process: it needs the test database on a server
    pytest.mark.timeout(120),
    pytest.mark.django_db(transaction=True),
]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def worker(smtp_server, tmp_path):
    """A `celery worker --pool solo` on the test database and the test's SMTP server, consuming the queue the task is
    routed to (beat's maintenance queue, on the test's own Redis database); stopped by its PID (SIGTERM, then SIGKILL
    after 20 s)."""
    queue = current_app.amqp.router.route({}, "equity.notifications.email_send")["queue"].name
    broker = redis.Redis.from_url(os.environ["REDIS_URL"])
    broker.delete(queue)  # nothing left over from an earlier run
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "TEST_SMTP_PORT": str(smtp_server.port),
    }
    log = tmp_path / "worker.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "equity", "worker", "--pool", "solo", "--concurrency", "1",
         "-Q", queue, "--hostname", f"notifications-{uuid.uuid4().hex[:8]}@%h", "--loglevel", "INFO",
         "--without-heartbeat", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    eager = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = False
    try:
        yield process, log
    finally:
        current_app.conf.task_always_eager = eager
        if process.poll() is None:
            os.kill(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.kill(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        broker.delete(queue)


def test_a_worker_sends_the_email_a_commit_asked_for(personas, smtp_server, worker):
    process, log = worker
    job = report_job(requester=personas.staff, title="Snow plow routes")
    with transaction.atomic():
        report_job_outcome_notify(job=job)  # on commit: email_send goes to Redis
    delivery = EmailDelivery.objects.get()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (delivery.status != EmailDelivery.Status.SENT or not smtp_server.received):
        assert process.poll() is None, log.read_text(errors="replace")[-3000:]
        time.sleep(0.2)
        delivery.refresh_from_db()
    assert delivery.status == EmailDelivery.Status.SENT, log.read_text(errors="replace")[-3000:]
    [got] = smtp_server.received
    assert got.message["Message-ID"] == delivery.message_id
    assert "Snow plow routes" in got.message["Subject"]
    assert "equity.notifications.email_send" in log.read_text(errors="replace")
