"""Shared fixtures: personas, and the rule that CI never skips a test for a missing service."""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

import shutil  # noqa: E402
import socket  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402
from urllib.parse import urlparse  # noqa: E402

import pytest  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db.models.signals import post_migrate  # noqa: E402

from equity.i18n.compile import compile_catalogs  # noqa: E402
from tests.factories import DepartmentFactory, UserFactory  # noqa: E402
from tests.migrations import ScratchDatabase, scratch_database  # noqa: E402

# The test identity provider: oidc_provider, sso_enabled (tests/sso); no test leaves a session open on its database
# (tests/connections.py, before the next: its check must follow the browser pages' teardown); the Nu HTML Checker
# over the browser tests' pages, run once at the end of the session (tests/html_validity.py).
pytest_plugins = ["tests.sso.fixtures", "tests.connections", "tests.html_validity"]

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
    gettext_tools = ("xgettext", "msgmerge", "msgfmt")
    if item.get_closest_marker("needs_gettext") and not all(shutil.which(tool) for tool in gettext_tools):
        return "GNU gettext (apt-get install gettext)"
    return ""


def pytest_runtest_setup(item):
    missing = _missing_service(item)
    if missing:
        if IN_CI:
            pytest.fail(f"CI=true and a required service is missing: {missing}", pytrace=False)
        pytest.skip(f"needs {missing}")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (the test settings' local memory, one per xdist worker): a public page
    cached by one test, or an address's request count, must not carry over to the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _source_language():
    """Every test starts in English: a request in another language leaves it active on the thread (Django's locale
    middleware activates a language per request and never resets it), and the next test must not inherit it."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


FAULT_TEST_TIMEOUT = 120  # seconds: a fault test that hangs (a lost process, a held lock) fails, never blocks CI


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server"}


def pytest_collection_modifyitems(config, items):
    """Every fault test is bounded in time, whether or not it names its own (shorter) timeout; every test that
    touches the database, by marker or through a fixture, is marked `database` (`make test-fast` leaves them out)."""
    for item in items:
        if item.get_closest_marker("fault") and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(FAULT_TEST_TIMEOUT))
        if item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.database)


def pytest_terminal_summary(terminalreporter):
    """One line that says how long the fault suite took together (the issue bounds it: under five minutes)."""
    reports = [
        report
        for outcome in ("passed", "failed", "error")
        for report in terminalreporter.stats.get(outcome, [])
        if getattr(report, "when", "") == "call" and "fault" in getattr(report, "keywords", {})
    ]
    if reports:
        seconds = sum(report.duration for report in reports)
        terminalreporter.write_line(f"fault suite: {len(reports)} tests, {seconds:.0f} s of test time together")


def pytest_configure(config):
    # A transactional test (the browser tests' live_server, the Celery worker tests) ends with a flush that empties
    # every table, and the flush then sends `post_migrate`. Reference rows that only data migrations create (racial
    # groups, the status legend, equity areas, shipped templates) are loaded again right then, on every database, so
    # no test depends on which tests ran before it on its worker.
    post_migrate.connect(_reload_reference_data, dispatch_uid="tests.reference_data")
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        _serve_live_server_requests_one_at_a_time()
    if not hasattr(config, "workerinput"):  # the catalogs compiled once, before any worker reads a translation
        compile_catalogs(Path(settings.BASE_DIR) / "locale")


def _serve_live_server_requests_one_at_a_time() -> None:
    """On SQLite the test database lives in memory and the live server shares the test thread's one connection, so
    two requests at once (an autosave beside a page load) fail with "cannot open savepoint - SQL statements in
    progress". A server that handles one request at a time, in its own thread, keeps the connection to one user."""
    from django.core.servers.basehttp import WSGIServer
    from django.test.testcases import LiveServerThread

    class SerialWSGIServer(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)
            self.connections_override = connections_override  # applied to the server's thread by LiveServerThread

    LiveServerThread.server_class = SerialWSGIServer  # type: ignore[assignment]  # serial in place of threaded, on purpose


def _reload_reference_data(sender, **kwargs) -> None:
    if sender.label == "equity":  # once per flush or migrate; the core app is always installed
        from equity.contributions import ensure_reference_data

        ensure_reference_data()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """A test database created from the models (SQLite: tests/settings.py) is recorded as migrated, like one that
    replayed the migrations: `migrate --check`, `demo_prepare` and the migration tests see nothing pending."""
    from django.db import connection

    from equity.management.commands.demo_prepare import record_every_migration_applied

    if connection.settings_dict["TEST"].get("MIGRATE", True) is False:
        with django_db_blocker.unblock():
            record_every_migration_applied(connection)


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


@pytest.fixture
def scratch_db(tmp_path) -> Iterator[ScratchDatabase]:
    """An empty database of the test's own for data-migration tests, dropped afterwards (tests/migrations.py)."""
    with scratch_database(tmp_path) as scratch:
        yield scratch


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
