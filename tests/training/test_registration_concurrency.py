"""Registration under concurrency on PostgreSQL: people asking for the last places at the same moment, each on
its own connection. The session's row lock serves them one at a time: never more registered than the capacity."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tests.factories import UserFactory
from tests.training.factories import ModuleFactory, SessionFactory
from training.models import Registration
from training.registration import registration_cancel, registration_register

pytestmark = [pytest.mark.needs_postgres, pytest.mark.django_db(transaction=True)]
Status = Registration.Status


def _at_once(actions) -> list[BaseException]:
    """Run the callables in threads released together by a barrier; returns the errors they raised."""
    barrier = threading.Barrier(len(actions))
    errors: list[BaseException] = []

    def run(action):
        try:
            barrier.wait()
            action()
        except BaseException as exc:  # noqa: BLE001  (reported to the test below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_concurrent_registrations_never_overbook():
    session = SessionFactory(module=ModuleFactory(), date=timezone.localdate() + timedelta(days=5), capacity=3)
    people = [UserFactory() for _ in range(8)]
    errors = _at_once([lambda p=p: registration_register(author=p, session=session) for p in people])
    assert errors == []
    statuses = list(Registration.objects.filter(session=session).values_list("status", flat=True))
    assert sorted(statuses) == [Status.REGISTERED] * 3 + [Status.WAITING] * 5


def test_the_same_person_twice_at_once_gets_one_registration():
    session = SessionFactory(module=ModuleFactory(), date=timezone.localdate() + timedelta(days=5), capacity=3)
    person = UserFactory()
    errors = _at_once([lambda: registration_register(author=person, session=session)] * 2)
    assert len(errors) == 1 and "already registered" in str(errors[0])
    assert Registration.objects.filter(session=session, user=person).count() == 1


def test_a_cancellation_and_a_registration_at_once_fill_the_place_once():
    session = SessionFactory(module=ModuleFactory(), date=timezone.localdate() + timedelta(days=5), capacity=1)
    first, waiting, late = UserFactory(), UserFactory(), UserFactory()
    held = registration_register(author=first, session=session)
    registration_register(author=waiting, session=session)
    errors = _at_once(
        [
            lambda: registration_cancel(author=first, registration=held),
            lambda: registration_register(author=late, session=session),
        ]
    )
    assert errors == []
    registered = Registration.objects.filter(session=session, status=Status.REGISTERED)
    assert list(registered.values_list("user", flat=True)) == [waiting.pk]  # never the late one, never two
