"""The development server must not keep a PostgreSQL connection per request thread (issue 15, finding 12).

`manage.py runserver` serves each request in a thread of its own; with persistent connections those threads'
connections stayed open (27 idle within an hour) until PostgreSQL refused new clients.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection

pytestmark = [pytest.mark.fault, pytest.mark.needs_postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
REQUESTS = 30


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url(application_name: str) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{db['USER']}{password}@{host}/{db['NAME']}?application_name={application_name}"


def _wait_until_serving(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "runserver exited"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("runserver did not start")


def _get(url: str) -> int:
    request = urllib.request.Request(url, headers={"Connection": "close"})  # a new TCP connection each time
    with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 - a local test server
        return response.status


def _connections(application_name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [application_name])
        return cursor.fetchone()[0]


def test_runserver_does_not_keep_a_connection_per_request():
    application_name = f"runserver-probe-{os.getpid()}"
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    # Debug off on purpose: runserver itself, not DEBUG, must end connections with their requests.
    env.update(DATABASE_URL=_database_url(application_name), DJANGO_DEBUG="false", DJANGO_SECRET_KEY="x" * 50)
    env.update(DJANGO_SECURE="false", DJANGO_ALLOWED_HOSTS="127.0.0.1")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_serving(port, server)
        url = f"http://127.0.0.1:{port}/healthz"  # a real query on every request
        with ThreadPoolExecutor(max_workers=5) as pool:
            statuses = list(pool.map(_get, [url] * REQUESTS))
        assert statuses == [200] * REQUESTS
        time.sleep(0.5)  # the last threads finish their response
        open_after = _connections(application_name)
        print(f"\nrunserver: {open_after} connections open after {REQUESTS} requests")
        assert open_after <= 1
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert _connections(application_name) == 0
