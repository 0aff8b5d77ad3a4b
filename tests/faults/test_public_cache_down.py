"""The public site on a Redis cache that stops or hangs: pages are rendered from the database instead (200, no
500), the rate limit counts nothing rather than refusing, and no request waits for the dead cache for long."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from equity import cache as equity_cache
from tests.faults.processes import RedisServer
from tests.public.probe_urls import PROBE

pytestmark = [pytest.mark.fault, pytest.mark.django_db, pytest.mark.urls("tests.public.probe_urls")]


@pytest.fixture
def redis_cache(settings, monkeypatch):
    """The portal's cache on a redis-server of this test's own, with the production settings' time limits."""
    if not RedisServer.available:
        pytest.skip("needs redis-server on PATH")
    server = RedisServer()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "equity",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.EQUITY_PUBLIC_RATE_LIMIT = "5/60"
    monkeypatch.setattr(equity_cache, "_skip_until", 0.0)  # restored after the test: no rest carries over
    yield server
    server.stop()


def _pages() -> list[str]:
    """The probe and the public pages without arguments that exist on this branch (home, data.json, ...)."""
    found = [PROBE]
    for name in ("public:home", "public:data_json", "public:practice_list", "public:embed_city"):
        try:
            found.append(reverse(name))
        except NoReverseMatch:
            continue
    return found


def _get(client, path: str):
    started = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - started


def test_public_pages_answer_when_the_cache_stops(client, redis_cache):
    first, _ = _get(client, PROBE)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as cached:
        assert client.get(PROBE).content == first.content
    assert len(cached) == 0, "the second visit should be served from Redis"
    assert any(key.startswith(b"equity:") for key in cache._cache.get_client().keys())

    redis_cache.stop()  # by its pid
    for _ in range(8):  # more than the rate limit of 5: a cache that cannot count refuses no one
        for path in _pages():
            response, elapsed = _get(client, path)
            assert response.status_code == 200, path
            assert elapsed < 2, f"{path} took {elapsed:.2f} s with the cache stopped"
    with CaptureQueriesContext(connection) as rendered:
        client.get(PROBE)
    assert len(rendered) >= 1, "with the cache stopped the page is rendered from the database"


def test_a_hung_redis_cache_holds_a_public_page_for_at_most_its_time_limit(client, redis_cache):
    assert client.get(PROBE).status_code == 200
    redis_cache.pause()  # accepts connections, never answers
    response, elapsed = _get(client, PROBE)
    assert response.status_code == 200
    assert elapsed < 2.5, f"the first request after the hang took {elapsed:.2f} s"
    for _ in range(5):  # the process now leaves the cache alone for a few seconds: no further waits
        response, elapsed = _get(client, PROBE)
        assert response.status_code == 200 and elapsed < 0.5
