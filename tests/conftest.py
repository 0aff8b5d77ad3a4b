"""Shared fixtures: personas, and the rule that CI never skips a test for a missing service."""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

import shutil  # noqa: E402
import socket  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from urllib.parse import urlparse  # noqa: E402

import pytest  # noqa: E402
from django.conf import settings  # noqa: E402

from tests.factories import DepartmentFactory, UserFactory  # noqa: E402

IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def redis_available() -> bool:
    url = urlparse(os.environ.get("REDIS_URL", "") or "redis://127.0.0.1:6379/0")
    try:
        with socket.create_connection((url.hostname or "127.0.0.1", url.port or 6379), timeout=1):
            return True
    except OSError:
        return False


def _missing_service(item) -> str:
    if item.get_closest_marker("needs_postgres") and not settings.IS_POSTGRES:
        return "PostgreSQL (set DATABASE_URL to a PostgreSQL database)"
    if item.get_closest_marker("needs_redis") and not (os.environ.get("REDIS_URL") and redis_available()):
        return "Redis (set REDIS_URL and start redis-server)"
    if item.get_closest_marker("needs_chromium") and not shutil.which(CHROMIUM):
        return f"Chromium at {CHROMIUM} (apt-get install chromium)"
    return ""


def pytest_runtest_setup(item):
    missing = _missing_service(item)
    if missing:
        if IN_CI:
            pytest.fail(f"CI=true and a required service is missing: {missing}", pytrace=False)
        pytest.skip(f"needs {missing}")


def pytest_sessionstart(session):
    if IN_CI and not settings.IS_POSTGRES:
        raise pytest.UsageError("CI=true requires DATABASE_URL to name PostgreSQL; CI never runs on SQLite.")


# Reference data that data migrations load (racial groups, status legend, equity areas, shipped templates).
# A transactional test (browser tests with live_server) ends with a flush that empties every table, and pytest does
# not always run those tests last, so their reference data is loaded again after each of them.
REFERENCE_DATA_LOADERS = [
    ("plans.migrations.0002_default_groups_and_legend", "create_defaults"),
    ("library.migrations.0002_equity_areas_and_search_index", "seed_areas"),
    ("tools.migrations.0002_shipped_templates", "load"),
]


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or "live_server" in fixtures
        or "transactional_db" in fixtures
    )


def restore_reference_data() -> None:
    import importlib

    from django.apps import apps

    for module_name, function_name in REFERENCE_DATA_LOADERS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        getattr(module, function_name)(apps, None)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    if nextitem is None or not _is_transactional(item):
        return  # after the last test the test database is being destroyed: nothing to restore
    from django.db import connection
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        if connection.settings_dict["NAME"].startswith("test_"):
            restore_reference_data()


@dataclass
class Personas:
    """One user per role in department `dept`, plus a staff member and a manager of `other_dept`."""

    dept: object
    other_dept: object
    staff: object
    manager: object
    facilitator: object
    equity: object
    other_staff: object
    other_manager: object

    def get(self, name: str):
        return None if name == "anonymous" else getattr(self, name)


@pytest.fixture
def personas(db) -> Personas:
    dept = DepartmentFactory(name="Community Development", code="CD")
    other = DepartmentFactory(name="Public Works", code="PW")
    return Personas(
        dept=dept,
        other_dept=other,
        staff=UserFactory(username="staff", full_name="Sam Staff", departments=[dept]),
        manager=UserFactory(username="manager", full_name="Mia Manager", departments=[dept], is_manager=True),
        facilitator=UserFactory(
            username="facilitator", full_name="Fay Facilitator", departments=[dept], is_facilitator=True
        ),
        equity=UserFactory(username="equity", full_name="Eli Equity", departments=[other], is_equity_team=True),
        other_staff=UserFactory(username="other_staff", full_name="Olu Other", departments=[other]),
        other_manager=UserFactory(
            username="other_manager", full_name="Omar Othermanager", departments=[other], is_manager=True
        ),
    )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Drive Debian's Chromium; Playwright's own browser download is not available here."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
