"""Test settings: the project's settings with a fast password hasher, locmem email and eager Celery.

Under pytest-xdist each worker (PYTEST_XDIST_WORKER=gw0, gw1, ...) gets its own media folder and its own Redis
database number, so Celery worker tests of two workers never see each other's queues or unacknowledged messages;
pytest-django gives each worker its own test database (test_<name>_gw0, ...).
"""

import os
from pathlib import Path
from urllib.parse import urlparse

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-that-is-long-enough-for-checks-0123456789")
os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DJANGO_SECURE", "false")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


def _worker_redis_url(url: str, worker: str) -> str:
    """`url` with its database number moved up by the worker's index (gw0 keeps it), modulo Redis' 16 databases."""
    parsed = urlparse(url)
    base = int(parsed.path.strip("/") or 0)
    return parsed._replace(path=f"/{(base + int(worker.removeprefix('gw'))) % 16}").geturl()


# Set in the environment too (once: Celery worker subprocesses inherit both variables and read these settings
# again), because the worker tests hand REDIS_URL to the processes they start.
if XDIST_WORKER and os.environ.get("REDIS_URL") and os.environ.get("TEST_REDIS_WORKER") != XDIST_WORKER:
    os.environ["REDIS_URL"] = _worker_redis_url(os.environ["REDIS_URL"], XDIST_WORKER)
    os.environ["TEST_REDIS_WORKER"] = XDIST_WORKER

from equity.settings import *  # noqa: E402,F403
from equity.settings import DATABASES, IS_POSTGRES, STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
AXES_ENABLED = True
# A worker subprocess started by a test is handed the test's folder in TEST_MEDIA_ROOT.
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT") or f"/tmp/equity-test-media/{XDIST_WORKER or 'main'}")
# The workforce attributes are off by default; the tests cover their pages (and turn them off where they check that).
WORKFORCE_ATTRIBUTES = True
# Tests cache in each process's memory whatever REDIS_URL says (a cache shared by runs and xdist workers would serve
# one test's pages to another) and empty it before each test (tests/conftest.py); the Redis cache is tested on a
# redis-server of the test's own (tests/faults/test_public_cache_down.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
# Second factors are required for the equity team and admins by default (MFA_REQUIRED_ROLES); the suite's personas
# sign in with force_login and no factor, so the requirement is off here and turned on by the tests of it.
MFA_REQUIRED_ROLES = []

# A session is renewed at most once a minute (equity.middleware.SessionMiddleware): in tests, not within a test, so a
# page's query count does not depend on how long the test took (tests/core/test_auth.py sets it back to measure it).
SESSION_RENEW_SECONDS = 24 * 3600

# On SQLite (`make test` without DATABASE_URL) each worker's test database is created from the models, as `migrate
# --run-syncdb` does, instead of replaying every migration (about 30 s of each worker's CPU, most of it Django
# re-rendering model states); tests/conftest.py then records every migration as applied. The migrations themselves
# are exercised on PostgreSQL, where every test database is migrated (the SQLite databases hold nothing the
# PostgreSQL-only migration steps add) and by the data-migration tests, which migrate scratch databases on both.
# `make run` creates a new SQLite demo database from the models too (ADR 0077). ADR 0072.
if not IS_POSTGRES:
    DATABASES["default"]["TEST"] = {**DATABASES["default"].get("TEST", {}), "MIGRATE": False}
