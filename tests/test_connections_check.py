"""The check that no test leaves a session open (tests/connections.py) sees a session a test opened and forgot, and
nothing once it is closed or when the session belongs to no test."""

import psycopg2
import pytest
from django.db import connection

from tests.connections import other_sessions

pytestmark = [pytest.mark.needs_postgres, pytest.mark.django_db(transaction=True)]


def test_a_forgotten_session_is_found_until_it_is_closed():
    name = "test check-of-the-check"
    forgotten = psycopg2.connect(**{**connection.get_connection_params(), "application_name": name})
    try:
        found = other_sessions(name=name, wait=0.2)
        assert [row[0] for row in found] == [forgotten.info.backend_pid]
        assert other_sessions(name="test another one", wait=0) == []
    finally:
        forgotten.close()
    assert other_sessions(name=name, wait=5) == []
