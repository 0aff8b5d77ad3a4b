"""The demo city, for the public site's tests: its citywide plan, indicators, narrative and practices.

`seed_demo` takes seconds. A module whose every test reads the demo city (`pytestmark =
pytest.mark.usefixtures("demo_city")`) seeds it once (and again only when xdist hands this worker the module's tests
in separate runs), inside a transaction rolled back when the module ends: each test's own transaction is a savepoint
within it, rolled back after the test as usual, so every test starts from the freshly seeded city. Elsewhere (a
module that also has tests without the demo, or whose tests commit: `transaction=True`, the live server) `demo`
seeds it for the one test.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from equity.models import User


@pytest.fixture(scope="module")
def demo_city(django_db_setup, django_db_blocker):
    """The demo seeded in one open transaction for the module, rolled back at the module's end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(DEBUG=True):
                call_command("seed_demo", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(db, settings, request):
    """The equity team's demo user: in the module's demo city, or in one seeded for this test."""
    settings.DEBUG = True
    if "demo_city" not in request.fixturenames:
        call_command("seed_demo", verbosity=0)
    elif {"transactional_db", "live_server"} & set(request.fixturenames):
        pytest.fail("a test that commits cannot see the module's uncommitted demo city")
    return User.objects.get(username="equity")
