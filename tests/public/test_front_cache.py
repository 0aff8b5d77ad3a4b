"""The front cache (public/front_cache.py): an anonymous visitor's second request for a public page is answered
before URL resolution and the rest of the middleware, with every header the first answer had; staff requests,
other methods, pages not found and publishing all take the full path; the rate limit still counts each request."""

from __future__ import annotations

import pytest

from public.cache import site_changed
from tests.public.probe_urls import MISSING, PROBE

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.public.probe_urls")]


def _without_the_page(settings) -> None:
    """Point the project at URLs without the probe page: only a response kept by the front cache can answer it."""
    settings.ROOT_URLCONF = "equity.urls"


def test_the_second_anonymous_request_is_answered_in_front_with_the_same_headers(client, settings):
    first = client.get(PROBE)
    _without_the_page(settings)
    second = client.get(PROBE)
    assert (first.status_code, second.status_code) == (200, 200)
    assert second.content == first.content
    for header in ("Content-Type", "Cache-Control", "Content-Security-Policy", "X-Frame-Options"):
        assert second.get(header) == first.get(header), header
    assert not second.cookies


def test_a_new_generation_is_not_answered_in_front(client, settings):
    client.get(PROBE)
    site_changed()
    _without_the_page(settings)
    assert client.get(PROBE).status_code == 404


def test_a_request_with_a_session_cookie_takes_the_full_path(client, settings, personas):
    client.get(PROBE)
    client.force_login(personas.staff)
    _without_the_page(settings)
    assert client.get(PROBE).status_code == 404


def test_another_query_string_or_host_is_another_entry(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "equity.example.gov"]
    client.get(PROBE)
    _without_the_page(settings)
    assert client.get(PROBE, {"page": "2"}).status_code == 404
    assert client.get(PROBE, HTTP_HOST="equity.example.gov").status_code == 404


def test_not_found_and_posts_are_never_kept(client, settings):
    assert client.get(MISSING).status_code == 404
    assert client.post(PROBE).status_code == 405
    _without_the_page(settings)
    assert client.get(MISSING).status_code == 404
    assert client.get(PROBE).status_code == 404  # the 405 was not kept either


def test_the_rate_limit_counts_requests_answered_in_front(client, settings):
    settings.EQUITY_PUBLIC_RATE_LIMIT = "3/60"
    statuses = [client.get(PROBE).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
