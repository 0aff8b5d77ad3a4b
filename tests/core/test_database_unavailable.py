"""A database failure is answered with the "try again" page (503), handled: no uncaught exception, the session
left alone. The PostgreSQL faults themselves (a held lock, a refused connection) are in tests/faults/."""

from unittest import mock

import pytest
from django.core.signals import got_request_exception
from django.db import OperationalError
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def uncaught():
    paths: list[str] = []

    def record(sender, request=None, **kwargs):
        paths.append(request.path)

    got_request_exception.connect(record, dispatch_uid="tests.core.uncaught")
    yield paths
    got_request_exception.disconnect(dispatch_uid="tests.core.uncaught")


def _assert_try_again(response) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "The portal is busy" in response.content.decode()


def test_a_failure_loading_the_user_gets_the_try_again_page_and_keeps_the_session(client, uncaught):
    client.force_login(UserFactory())
    cookie = client.cookies["sessionid"].value
    with mock.patch("django.contrib.auth.get_user", side_effect=OperationalError("connection refused")):
        _assert_try_again(client.get(reverse("dashboard")))
    assert not uncaught
    assert client.cookies["sessionid"].value == cookie and client.cookies["sessionid"]["max-age"] != 0
    assert client.get(reverse("dashboard")).status_code == 200  # still signed in once the database is back


def test_a_failure_in_the_view_gets_the_try_again_page(client, uncaught):
    client.force_login(UserFactory())
    failure = OperationalError("canceling statement due to statement timeout")
    with mock.patch("equity.context_processors.page_sections", side_effect=failure):
        _assert_try_again(client.get(reverse("dashboard")))
    assert not uncaught


def test_other_errors_are_still_server_errors(client, uncaught):
    client.force_login(UserFactory())
    client.raise_request_exception = False
    with mock.patch("equity.context_processors.page_sections", side_effect=ValueError("a bug")):
        response = client.get(reverse("dashboard"))
    assert response.status_code == 500 and "Something went wrong" in response.content.decode()
    assert uncaught == [reverse("dashboard")]
