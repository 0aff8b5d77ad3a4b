"""The fault suite's one promise about requests: whatever a test does to the services, no request gets a 500."""

import pytest
from django.core.signals import got_request_exception


@pytest.fixture(autouse=True)
def no_request_fails_with_500():
    """Fail the test if any in-process request ended in an unhandled exception (Django's 500), even one a test
    client configured not to raise would have turned into a quiet 500 response."""
    failures: list[str] = []

    def record(sender, request=None, **kwargs):
        failures.append(getattr(request, "path", "?"))

    got_request_exception.connect(record, dispatch_uid="tests.faults.no_500")
    yield
    got_request_exception.disconnect(dispatch_uid="tests.faults.no_500")
    assert not failures, f"requests ended in a 500: {failures}"
