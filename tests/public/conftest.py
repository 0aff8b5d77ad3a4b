"""The demo city, for the public site's tests: its citywide plan, indicators, narrative and practices."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from equity.models import User


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    return User.objects.get(username="equity")
