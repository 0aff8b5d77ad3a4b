"""Two people saving the same empty roster at the same moment, each adding the same person (issue 15, finding 7).

Each save runs on its own connection through HTTP; the session's row lock must serve them one at a time and the
second must get the stale-edit message, never a 500 from the database's unique (session, person) constraint."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from training.models import Attendance
from training.services import roster_stamp

pytestmark = [pytest.mark.needs_postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 6


def _post_together(users, url: str, data: dict) -> list[int]:
    """POST the same roster form as each user at once (threads released by a barrier); the status codes."""
    clients = []
    for user in users:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    barrier = threading.Barrier(len(clients))
    codes: list[int] = []

    def run(client):
        try:
            barrier.wait(timeout=20)
            codes.append(client.post(url, data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return codes


def test_two_saves_of_an_empty_roster_adding_the_same_person_never_500(personas, session):
    loggers = [personas.facilitator] + [UserFactory(departments=[personas.dept], is_facilitator=True) for _ in range(3)]
    url = reverse("training:roster_edit", args=[session.pk])
    for _round in range(ROUNDS):
        person = UserFactory(departments=[personas.dept])
        Attendance.objects.filter(session=session).delete()
        data = {"roster_stamp": roster_stamp(session=session), "roster-TOTAL_FORMS": "1",
                "roster-INITIAL_FORMS": "0", "roster-0-user": person.pk, "roster-0-status": "attended",
                "roster-0-completed": "on"}  # fmt: skip
        codes = _post_together(loggers, url, data)
        assert sorted(codes) == [200, 200, 200, 302], codes  # one saved, the other shown the stale-edit message
        assert Attendance.objects.filter(session=session, user=person).count() == 1
