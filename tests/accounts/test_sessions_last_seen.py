"""A session's "last seen" is written at most every LAST_SEEN_EVERY seconds: an ordinary page costs no query."""

import pytest
from allauth.usersessions.models import UserSession
from django.test import Client
from django.urls import reverse

from equity.accounts.session_services import _SEEN_AT, LAST_SEEN_EVERY
from tests.accounts.sessions_helpers import signed_in
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def _age_the_clock(client: Client, seconds: int) -> None:
    session = client.session
    session[_SEEN_AT] -= seconds
    session.save()


def test_sessions_last_seen_costs_no_query_within_the_interval(personas):
    client = signed_in(personas.staff)
    row = UserSession.objects.get(user=personas.staff)
    first = count_queries(client, reverse("dashboard"))
    assert count_queries(client, reverse("dashboard")) == first
    _age_the_clock(client, LAST_SEEN_EVERY - 30)
    assert count_queries(client, reverse("dashboard")) == first
    assert UserSession.objects.get(pk=row.pk).last_seen_at == row.last_seen_at


def test_sessions_last_seen_written_once_the_interval_has_passed(personas):
    client = signed_in(personas.staff)
    row = UserSession.objects.get(user=personas.staff)
    ordinary = count_queries(client, reverse("dashboard"))
    _age_the_clock(client, LAST_SEEN_EVERY + 1)
    # The row's UPDATE, and the session's save that keeps the new time (an UPDATE in a savepoint: three statements in
    # the test's transaction); otherwise a session is saved at most once a minute (ADR 0066)
    assert count_queries(client, reverse("dashboard")) == ordinary + 4
    assert UserSession.objects.get(pk=row.pk).last_seen_at > row.last_seen_at
    assert count_queries(client, reverse("dashboard")) == ordinary  # and not again on the next page


def test_sessions_force_login_starts_the_clock_too(personas):
    client = Client()
    client.force_login(personas.staff)
    first = count_queries(client, reverse("dashboard"))
    assert count_queries(client, reverse("dashboard")) == first


def test_sessions_a_session_without_a_row_gets_one_when_seen(personas):
    client = signed_in(personas.staff)
    UserSession.objects.filter(user=personas.staff).delete()  # as after a password change moved the session key
    _age_the_clock(client, LAST_SEEN_EVERY + 1)
    client.get(reverse("dashboard"))
    assert UserSession.objects.filter(user=personas.staff, session_key=client.session.session_key).exists()
