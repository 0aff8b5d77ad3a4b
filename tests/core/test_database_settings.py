"""Database time limits by kind of process, and no persistent connections under the development server."""

import sys
from pathlib import Path

import pytest
from django.http import HttpRequest
from django.test import override_settings

from equity.views.errors import server_error

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "equity" / "settings.py"
PG_URL = "postgres://portal@127.0.0.1:5432/portal"  # settings only: nothing connects in these tests


def _settings_for(monkeypatch, argv: list[str], **environ: str) -> dict:
    """The settings module run afresh as the process `argv` would see it."""
    monkeypatch.setattr(sys, "argv", argv)
    monkeypatch.setenv("DATABASE_URL", PG_URL)
    monkeypatch.setenv("DJANGO_DEBUG", "false")
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    # exec, not runpy: runpy replaces sys.argv[0], which is what the settings look at.
    namespace = {"__file__": str(SETTINGS_FILE), "__name__": "settings_probe"}
    exec(compile(SETTINGS_FILE.read_text(), str(SETTINGS_FILE), "exec"), namespace)  # noqa: S102 - our own file
    return namespace


def _options(values: dict) -> str:
    return values["DATABASES"]["default"]["OPTIONS"]["options"]


@pytest.mark.parametrize(
    ("argv", "statement_ms", "lock_ms"),
    [
        (["/srv/.venv/bin/gunicorn", "equity.wsgi:application"], 15000, 5000),
        (["/srv/.venv/bin/pytest"], 15000, 5000),
        (["/srv/.venv/bin/celery", "-A", "equity", "worker", "--concurrency", "2"], 120000, 30000),
        (["/srv/.venv/lib/python3.11/site-packages/celery/__main__.py", "-A", "equity", "beat"], 120000, 30000),
        (["manage.py", "migrate", "--no-input"], 0, 0),
        (["manage.py", "runserver", "--noreload"], 15000, 5000),
        (["/srv/manage.py", "runserver", "127.0.0.1:8000"], 15000, 5000),
    ],
)
def test_each_kind_of_process_gets_its_time_limits(monkeypatch, argv, statement_ms, lock_ms):
    options = _options(_settings_for(monkeypatch, argv))
    assert f"-c statement_timeout={statement_ms}" in options
    assert f"-c lock_timeout={lock_ms}" in options


def test_time_limits_come_from_the_environment(monkeypatch):
    web = _settings_for(monkeypatch, ["gunicorn"], DATABASE_STATEMENT_TIMEOUT="30", DATABASE_LOCK_TIMEOUT="2")
    assert "-c statement_timeout=30000 -c lock_timeout=2000" in _options(web)
    worker = _settings_for(monkeypatch, ["celery", "worker"], DATABASE_WORKER_STATEMENT_TIMEOUT="600")
    assert "-c statement_timeout=600000" in _options(worker)
    migrate = _settings_for(monkeypatch, ["manage.py", "migrate"], DATABASE_COMMAND_LOCK_TIMEOUT="10")
    assert "-c statement_timeout=0 -c lock_timeout=10000" in _options(migrate)


def test_a_negative_time_limit_is_a_clear_error(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="Database timeouts are seconds"):
        _settings_for(monkeypatch, ["gunicorn"], DATABASE_LOCK_TIMEOUT="-1")


@pytest.mark.parametrize(
    ("argv", "debug", "conn_max_age"),
    [
        (["manage.py", "runserver", "0.0.0.0:8000"], "false", 0),
        (["/usr/lib/python3/site-packages/django/__main__.py", "runserver"], "false", 0),
        (["gunicorn"], "true", 0),
        (["gunicorn"], "false", 60),
    ],
)
def test_connections_end_with_the_request_under_the_development_server(monkeypatch, argv, debug, conn_max_age):
    values = _settings_for(monkeypatch, argv, DJANGO_DEBUG=debug, DJANGO_SECRET_KEY="x" * 50)
    assert values["DATABASES"]["default"]["CONN_MAX_AGE"] == conn_max_age


def test_runserver_ignores_a_persistent_connection_setting(monkeypatch):
    values = _settings_for(monkeypatch, ["manage.py", "runserver"], DATABASE_CONN_MAX_AGE="600")
    assert values["DATABASES"]["default"]["CONN_MAX_AGE"] == 0


@override_settings(CITY_NAME="City of Testing")
def test_the_server_error_page_has_its_full_title_without_the_database():
    request = HttpRequest()
    request.path = "/plans/"
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
    assert "<title>Something went wrong · Equity Portal · City of Testing</title>" in response.content.decode()
