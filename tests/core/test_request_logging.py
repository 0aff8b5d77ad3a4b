"""Refused requests are logged as one line without a traceback; server errors keep theirs (equity.request_logging)."""

import logging

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.request_logging_urls")]


def _records(caplog, client: Client, url: str, status: int) -> list[logging.LogRecord]:
    caplog.clear()
    with caplog.at_level(logging.INFO):
        assert client.get(url).status_code == status
    return [record for record in caplog.records if record.name.startswith("django.")]


@pytest.mark.parametrize(
    ("url", "status", "reason"),
    [
        ("/forbidden/", 403, "PermissionDenied"),
        ("/missing/", 404, "NotFound"),
        ("/bad/", 400, "BadRequest"),
        ("/tampered/", 400, "TamperedField"),
        ("/bad-response/", 400, "BadRequest"),
    ],
)
def test_a_refusal_is_one_line_without_a_traceback(caplog, url, status, reason):
    user = UserFactory()
    client = Client()
    client.force_login(user)
    records = _records(caplog, client, url, status)
    assert len(records) == 1, [r.getMessage() for r in records]
    record = records[0]
    assert record.exc_info is None and record.exc_text is None
    assert record.getMessage() == f"Refused GET {url} {status} user={user.pk} {reason}"
    assert "\n" not in record.getMessage()


def test_an_anonymous_refusal_names_no_user(caplog):
    (record,) = _records(caplog, Client(), "/forbidden/", 403)
    assert record.getMessage() == "Refused GET /forbidden/ 403 user=- PermissionDenied"


def test_a_server_error_keeps_its_traceback(caplog):
    (record,) = _records(caplog, Client(raise_request_exception=False), "/broken/", 500)
    assert record.levelno == logging.ERROR and record.exc_info is not None
    assert isinstance(record.exc_info[1], RuntimeError) and "Internal Server Error" in record.getMessage()
