"""Faults of the database itself: a table lock held by someone else, and a server that refuses connections.

A request must come back within seconds with the "try again" page (503, Retry-After), never hang for a minute
and never give a 500; /healthz must notice, with a reason; once the fault ends everything works again.
"""

import re
import socket
import time

import psycopg2
import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = [pytest.mark.fault, pytest.mark.needs_postgres, pytest.mark.django_db(transaction=True)]

# The locker's own session ends after this long, so without time limits the test waits this long, then fails.
LOCK_HELD_SECONDS = 20


def _title(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    assert match, html
    return " ".join(match.group(1).split())


def _assert_busy_page(response) -> None:
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert _title(html) == f"The portal is busy · Equity Portal · {settings.CITY_NAME}"
    assert "Please try again in a minute" in html and html.count("<h1") == 1 and 'id="main"' in html


def _locker(table: str):
    """A connection of the test's own holding an ACCESS EXCLUSIVE lock on `table` (no reads, no writes get by)."""
    db = connection.settings_dict
    conn = psycopg2.connect(
        dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"], host=db["HOST"], port=db["PORT"]
    )
    cursor = conn.cursor()
    cursor.execute(f"SET idle_in_transaction_session_timeout = '{LOCK_HELD_SECONDS}s'")
    cursor.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
    return conn


def _timed_get(client, url: str):
    client.raise_request_exception = False  # answer as a server would, with the error page
    started = time.monotonic()
    response = client.get(url)
    return response, time.monotonic() - started


def test_a_held_table_lock_gives_the_try_again_page_within_seconds(client):
    balancer = Client()  # /healthz as a load balancer asks: no session
    client.force_login(UserFactory())
    locker = _locker("equity_user")
    try:
        page, page_seconds = _timed_get(client, reverse("dashboard"))
        health, health_seconds = _timed_get(balancer, reverse("healthz"))
    finally:
        locker.rollback()
        locker.close()
    print(f"\nheld lock: page 503 in {page_seconds:.1f} s, /healthz 503 in {health_seconds:.1f} s")
    _assert_busy_page(page)
    assert page_seconds < settings.DATABASE_LOCK_TIMEOUT + 3, page_seconds
    assert health.status_code == 503, health.content
    assert health.json()["reason"] == "database table locked"
    assert health_seconds < 3, health_seconds
    # The lock is gone: the same session works again, and so does the health check.
    assert client.get(reverse("dashboard")).status_code == 200
    assert balancer.get(reverse("healthz")).json()["database"] == "ok"


def test_a_long_statement_is_cancelled_by_the_statement_timeout():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == (f"{settings.DATABASE_STATEMENT_TIMEOUT}s",)
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone() == (f"{settings.DATABASE_LOCK_TIMEOUT}s",)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_database_refusing_connections_gives_the_try_again_page(client):
    balancer = Client()
    client.force_login(UserFactory())
    connection.close()
    real_port = connection.settings_dict["PORT"]
    connection.settings_dict["PORT"] = str(_free_port())  # nothing listens there: the connection is refused
    try:
        page, page_seconds = _timed_get(client, reverse("dashboard"))
        health, _ = _timed_get(balancer, reverse("healthz"))
    finally:
        connection.close()
        connection.settings_dict["PORT"] = real_port
    print(f"\nrefused connection: page 503 in {page_seconds * 1000:.0f} ms")
    _assert_busy_page(page)
    assert page_seconds < 2, page_seconds
    assert health.status_code == 503 and health.json()["reason"] == "database unreachable"
    assert client.get(reverse("dashboard")).status_code == 200
