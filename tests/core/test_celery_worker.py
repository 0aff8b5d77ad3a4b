"""A real Celery worker process against Redis: send a task, see its result."""

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.needs_redis
def test_celery_round_trip_with_a_real_worker(tmp_path):
    from celery import Celery

    queue = f"test-{uuid.uuid4().hex[:8]}"
    pidfile = tmp_path / "worker.pid"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "equity", "worker", "--pool", "solo", "--concurrency", "1",
         "-Q", queue, "--pidfile", str(pidfile), "--loglevel", "WARNING", "--without-heartbeat",
         "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        client = Celery(broker=os.environ["REDIS_URL"], backend=os.environ["REDIS_URL"])
        result = client.send_task("equity.tasks.ping", queue=queue)
        assert result.get(timeout=60) == "pong"
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
