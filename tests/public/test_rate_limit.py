"""The public site's rate limit: N anonymous requests per address and window, the N+1-th refused politely, the next
window open again; staff, other addresses and other URLs are not counted; "0" turns it off."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils.functional import SimpleLazyObject

from public import middleware
from public.middleware import PublicSiteMiddleware, parse_rate

PAGE = "/public/"  # answered by the public site's home page (404 before it exists): either way, never 429 below N


@pytest.fixture
def clock(monkeypatch):
    """The rate limit's clock, set by the test: 1,000,020 s is the start of a 60-second window."""
    moment = {"now": 1_000_020.0}
    monkeypatch.setattr(middleware, "now", lambda: moment["now"])
    return moment


@pytest.fixture
def limit(settings, db):
    settings.EQUITY_PUBLIC_RATE_LIMIT = "3/60"
    return 3


def _statuses(client: Client, path: str, n: int, **extra) -> list[int]:
    return [client.get(path, **extra).status_code for _ in range(n)]


@pytest.mark.parametrize("path", ["/public/", "/public/plans/any/", "/embed/city/", "/data.json"])
def test_n_allowed_then_refused_until_the_next_window(client, clock, limit, path):
    assert 429 not in _statuses(client, path, limit)
    clock["now"] += 20
    refused = client.get(path)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "40"  # the seconds left in the window
    assert refused["Cache-Control"] == "no-store"
    assert not refused.cookies
    assert "Too many requests" in refused.content.decode()
    clock["now"] += 40  # the next window
    assert 429 not in _statuses(client, path, limit)
    assert client.get(path).status_code == 429


def test_the_count_is_per_address(clock, limit):
    first, second = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.2")
    _statuses(first, PAGE, limit)
    assert first.get(PAGE).status_code == 429
    assert second.get(PAGE).status_code != 429


def test_the_public_pages_share_one_count(client, clock, limit):
    for path in ("/public/", "/embed/city/", "/data.json"):
        client.get(path)
    assert client.get("/public/plans/any/").status_code == 429


def test_staff_pages_and_certificate_checks_are_not_counted(client, clock, limit):
    assert 429 not in _statuses(client, "/login/", limit + 2)
    assert 429 not in _statuses(client, "/verify/NOT-A-CODE/", 2)  # /verify/ has its own limit on unknown codes
    assert client.get(PAGE).status_code != 429


def test_signed_in_staff_are_not_limited(client, clock, limit, personas):
    client.force_login(personas.get("staff"))
    assert 429 not in _statuses(client, PAGE, limit + 3)


def test_a_made_up_session_cookie_is_counted_like_any_visitor(client, clock, limit):
    client.cookies["sessionid"] = "made-up-session-key"
    _statuses(client, PAGE, limit)
    assert client.get(PAGE).status_code == 429


def test_an_anonymous_visitor_without_a_cookie_never_loads_the_session(clock, limit):
    def loaded():
        raise AssertionError("the rate limit read the user or the session of a visitor without a session cookie")

    request = RequestFactory().get(PAGE)
    request.user = SimpleLazyObject(loaded)
    limiter = PublicSiteMiddleware(lambda request: HttpResponse("page"))
    assert [limiter(request).status_code for _ in range(limit + 1)] == [200] * limit + [429]


def test_zero_turns_the_limit_off(client, clock, settings, db):
    settings.EQUITY_PUBLIC_RATE_LIMIT = "0"
    assert 429 not in _statuses(client, PAGE, 20)


def test_behind_a_proxy_the_address_the_proxy_appended_is_counted(clock, limit, settings):
    settings.BEHIND_PROXY = True
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    for n in range(limit):  # a client may put anything first in the header; the proxy's entry is the last one
        proxy.get(PAGE, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.7")
    assert proxy.get(PAGE, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    assert proxy.get(PAGE, HTTP_X_FORWARDED_FOR="198.51.100.8").status_code != 429  # another visitor, same proxy


def test_without_a_proxy_a_forwarded_header_is_ignored(client, clock, limit):
    for n in range(limit):
        client.get(PAGE, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert client.get(PAGE, HTTP_X_FORWARDED_FOR="203.0.113.99").status_code == 429


@pytest.mark.parametrize("value", ["300", "a/60", "10/0", "-1/60", "10/60/2"])
def test_a_malformed_limit_is_a_configuration_error(value):
    with pytest.raises(ImproperlyConfigured):
        parse_rate(value)


def test_the_limit_is_read_as_requests_per_seconds():
    assert parse_rate("300/60") == (300, 60)
    assert parse_rate(" 0 ") is None
