"""Configuration errors are one clear line, never a traceback wall."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow  # each test starts a Django process


def _manage(*args, **env):
    # tests/settings.py sets test-only values in os.environ; the subprocess must see the production defaults.
    test_only = (
        "DJANGO_SETTINGS_MODULE",
        "DJANGO_SECRET_KEY",
        "DJANGO_SECURE",
        "DJANGO_DEBUG",
        "DJANGO_ALLOWED_HOSTS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    )
    base = {k: v for k, v in os.environ.items() if k not in test_only}
    base.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=60
    )


def test_missing_secret_with_debug_off_is_a_clear_error():
    result = _manage("check", DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_database_is_a_clear_error():
    result = _manage("migrate", DJANGO_DEBUG="true", DATABASE_URL="postgres://nobody@127.0.0.1:9/nowhere")
    assert result.returncode == 2
    assert "Cannot reach the database" in result.stderr
    assert "Check DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("url", ["not a url", "mysql://u@h/db"])
def test_unusable_database_url_is_a_clear_error(url):
    result = _manage("check", DJANGO_DEBUG="true", DATABASE_URL=url)
    assert result.returncode == 2
    assert "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_deploy_is_clean_with_production_values():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="a-production-like-secret-key-with-plenty-of-entropy-8d7f6a5s4d3f2g1h",
        DJANGO_ALLOWED_HOSTS="equity.example.org",
    )
    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"LIST_PAGE_SIZE": "many"}, "LIST_PAGE_SIZE must be a whole number, not 'many'."),
        ({"LIST_PAGE_SIZE": "80"}, "LIST_PAGE_SIZE must be a whole number from 1 to 50."),
        ({"SESSION_IDLE_MINUTES": "1h"}, "SESSION_IDLE_MINUTES must be a whole number, not '1h'."),
    ],
)
def test_bad_number_settings_are_a_clear_error(env, message):
    result = _manage("check", DJANGO_DEBUG="true", **env)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_makemigrations_check_runs_on_a_bare_checkout_without_a_secret():
    result = _manage("makemigrations", "--check", "--dry-run", DJANGO_DEBUG="false")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "No changes detected" in result.stdout
