"""A short concurrent write load on the portal as deployed (gunicorn, PostgreSQL): every write the portal
acknowledged is in the database, and no request gets a 500.

Eight clients, each signed in as the staff member accountable for an action, post progress updates through the
real form (GET the form for its CSRF token and version, POST it) for about ten seconds.
"""

import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from plans.models import ProgressUpdate
from tests.factories import DepartmentFactory, UserFactory
from tests.plans.factories import ActionFactory, PlanFactory

pytestmark = [pytest.mark.fault, pytest.mark.needs_postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 8
LOAD_SECONDS = 10
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d*)"')


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _start_gunicorn(port: int, log: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "TEST_REDIS_WORKER")}
    env.update(
        DATABASE_URL=_database_url(),
        DJANGO_SETTINGS_MODULE="tests.settings",  # plain static files storage: no collectstatic needed
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=settings.SECRET_KEY,  # the sessions signed in here carry a hash made with this key
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
    )
    gunicorn = Path(sys.executable).parent / "gunicorn"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(gunicorn), "equity.wsgi:application", "--config", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()[-2000:]
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return server
        except requests.RequestException:
            pass
        time.sleep(0.3)
    server.kill()
    raise AssertionError("gunicorn did not start: " + log.read_text()[-2000:])


class Writer(threading.Thread):
    """One signed-in client posting progress updates on its own action until the deadline."""

    def __init__(self, base: str, session_key: str, action, deadline: float, name: str):
        super().__init__(name=name)
        self.base, self.action, self.deadline = base, action, deadline
        self.http = requests.Session()
        self.http.cookies.set(settings.SESSION_COOKIE_NAME, session_key)
        self.acknowledged: list[str] = []
        self.statuses: Counter[int] = Counter()

    def run(self) -> None:
        url = f"{self.base}{reverse('plans:update_create', args=[self.action.pk])}"
        self.detail_url = reverse("plans:action_detail", args=[self.action.pk])  # where a posted update leads
        n = 0
        while time.monotonic() < self.deadline:
            form = self.http.get(url, timeout=30)
            self.statuses[form.status_code] += 1
            if form.status_code != 200:
                continue
            summary = f"{self.name} write {n}"
            n += 1
            response = self.http.post(
                url,
                data={
                    "csrfmiddlewaretoken": CSRF.search(form.text).group(1),  # type: ignore[union-attr]
                    "version": VERSION.search(form.text).group(1),  # type: ignore[union-attr]
                    "status": self.action.status,
                    "percent_complete": str(n % 100),
                    "summary": summary,
                },
                allow_redirects=False,
                timeout=30,
            )
            self.statuses[response.status_code] += 1
            if response.status_code == 302 and response.headers["Location"] == self.detail_url:
                self.acknowledged.append(summary)


def test_every_acknowledged_write_is_in_the_database(tmp_path):
    department = DepartmentFactory()
    staff = UserFactory(departments=[department])
    plan = PlanFactory(departments=[department])
    actions = [ActionFactory(plan=plan, lead_department=department, accountable=staff) for _ in range(CLIENTS)]
    sessions = []
    for _ in range(CLIENTS):
        client = Client()
        client.force_login(staff)
        sessions.append(client.cookies[settings.SESSION_COOKIE_NAME].value)

    port = _free_port()
    server = _start_gunicorn(port, tmp_path / "gunicorn.log")
    try:
        deadline = time.monotonic() + LOAD_SECONDS
        writers = [
            Writer(f"http://127.0.0.1:{port}", key, action, deadline, name=f"client-{i}")
            for i, (key, action) in enumerate(zip(sessions, actions, strict=True))
        ]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join(timeout=LOAD_SECONDS + 60)
        assert not any(writer.is_alive() for writer in writers)
    finally:
        server.terminate()
        server.wait(timeout=35)

    acknowledged = [summary for writer in writers for summary in writer.acknowledged]
    statuses = sum((writer.statuses for writer in writers), Counter())
    stored = set(ProgressUpdate.objects.filter(action__in=actions).values_list("summary", flat=True))
    lost = [summary for summary in acknowledged if summary not in stored]
    print(f"\nwrite load: {len(acknowledged)} acknowledged, {len(stored)} stored, {len(lost)} lost; {dict(statuses)}")
    assert len(acknowledged) >= CLIENTS, statuses  # every client got writes through
    assert not lost
    assert all(status < 500 for status in statuses), statuses
    assert len(stored) == len(acknowledged)  # and nothing stored that was not acknowledged
