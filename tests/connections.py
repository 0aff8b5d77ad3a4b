"""No test leaves a session open on its worker's test database (PostgreSQL).

A pytest plugin (tests/conftest.py's `pytest_plugins`, listed before tests.html_validity, whose autouse fixture opens
the browser tests' pages: this plugin's fixture is set up before them, so its check runs after their teardown). A
test that commits starts workers, servers or threads of its own, and the live server keeps a kept-alive request's
connection until the browser lets it go. Every session a test opens carries its name (PGAPPNAME, which libpq reads
when it connects, in this process and in those it starts). Such a test ends only when its sessions have closed,
waiting at most LINGER_SECONDS; one still open then is an error of that test, shown with its query. Without the
check it would stay until the end of the run, where the test database cannot be dropped while it is in use
("database ... is being accessed by other users").
"""

from __future__ import annotations

import hashlib
import os
import time
import warnings
from contextlib import closing

import pytest
from django.conf import settings

LINGER_SECONDS = 15  # how long a connection a test's processes opened may take to close once they have stopped


def _commits(item) -> bool:
    marker = item.get_closest_marker("django_db")
    committing = {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    return bool(committing) or bool(marker and marker.kwargs.get("transaction"))


def other_sessions(*, name: str | None, wait: float) -> list[tuple]:
    """Sessions on the test database named `name` (opened while a test ran; None: any name), other than Django's own
    connection, after waiting up to `wait` seconds for them to close. Read on a connection of its own."""
    import psycopg2
    from django.db import connection

    raw = connection.connection
    mine = raw.info.backend_pid if raw is not None and not raw.closed else 0
    query = (
        "SELECT pid, application_name, backend_start::text, state, left(query, 120) FROM pg_stat_activity"
        " WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), %s)"
        " AND (%s::text IS NULL OR application_name = %s)"
    )
    deadline = time.monotonic() + wait
    with closing(psycopg2.connect(**connection.get_connection_params())) as probe:
        probe.autocommit = True
        while True:
            with probe.cursor() as cursor:
                cursor.execute(query, [mine, name, name])
                others = cursor.fetchall()
            if not others or time.monotonic() > deadline:
                return others
            time.sleep(0.05)


@pytest.fixture(autouse=True)
def _no_session_outlives_its_test(request):
    # Each session the test opens, in this process or one it starts, carries the test's name (libpq reads PGAPPNAME
    # when it connects): sessions opened before it (the live server's, the worker's own) are not its to close.
    name = "test " + hashlib.sha1(request.node.nodeid.encode()).hexdigest()[:16]
    os.environ["PGAPPNAME"] = name
    yield
    os.environ["PGAPPNAME"] = "between tests"
    if settings.IS_POSTGRES and _commits(request.node):
        others = other_sessions(name=name, wait=LINGER_SECONDS)
        assert not others, f"sessions the test opened are still open {LINGER_SECONDS} s after it: {others}"


@pytest.fixture(scope="session", autouse=True)
def _sessions_left_at_the_end(request):
    """Just before the test database is dropped: name any session still open on it besides Django's own (the drop
    then fails with only "being accessed by other users"), as a warning with each session's name, age and query.
    On PostgreSQL only, where it sets the database up first; SQLite runs (`make test-fast`) are left as they are."""
    if settings.IS_POSTGRES:
        request.getfixturevalue("django_db_setup")
    yield
    if settings.IS_POSTGRES:
        left = other_sessions(name=None, wait=2)
        if left:
            warnings.warn(f"sessions still open on the test database at the end of the run: {left}", stacklevel=1)
