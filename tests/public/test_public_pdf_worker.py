"""A real Celery worker on Redis builds the PDF of a plan published from a request-like commit (the reports queue)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.db import connection
from pypdf import PdfReader

from public.models import Snapshot
from public.services import publish
from tests.public.embeds_world import ACCOUNTABLE, PLAN_TITLE, build_plan

pytestmark = [pytest.mark.needs_redis, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def worker(settings, tmp_path):
    from celery import current_app

    if connection.vendor != "postgresql":
        pytest.skip("a worker process shares the test database only on PostgreSQL")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.REPORTS_QUEUE = f"public-pdf-test-{uuid.uuid4().hex[:10]}"
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "TEST_MEDIA_ROOT": settings.MEDIA_ROOT,
    }
    log = tmp_path / "worker.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "equity", "worker", "--pool", "solo", "--concurrency", "1",
         "-Q", settings.REPORTS_QUEUE, "--loglevel", "INFO", "--without-heartbeat", "--without-gossip",
         "--without-mingle"],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    eager = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = False
    yield log
    current_app.conf.task_always_eager = eager
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
    redis.Redis.from_url(os.environ["REDIS_URL"]).delete(settings.REPORTS_QUEUE)


def test_a_worker_builds_the_published_pdf(personas, worker):
    snapshot = publish(author=personas.equity, record=build_plan())  # autocommit: the task is sent at once
    snapshot.refresh_from_db()
    deadline = time.monotonic() + 90
    while snapshot.pdf_status == Snapshot.PdfStatus.BUILDING and time.monotonic() < deadline:
        time.sleep(0.2)
        snapshot.refresh_from_db()
    assert snapshot.pdf_status == Snapshot.PdfStatus.READY, worker.read_text(errors="replace")[-3000:]
    text = "\n".join(page.extract_text() for page in PdfReader(snapshot.pdf.path).pages)
    assert PLAN_TITLE in text and "At risk" in text
    assert not any(name in text for name in ACCOUNTABLE)
