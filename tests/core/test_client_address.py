"""One client-address decision for every per-address limit: REMOTE_ADDR, or behind a proxy the address the proxy
appended to X-Forwarded-For; never something that is not an address (axes stores it in an address column)."""

import pytest
from django.http import HttpRequest
from django.test import RequestFactory

from equity.addresses import client_address


@pytest.mark.parametrize(
    ("behind_proxy", "meta", "expected"),
    [
        (False, {"REMOTE_ADDR": "192.0.2.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}, "192.0.2.1"),
        (True, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9, 198.51.100.7"}, "198.51.100.7"),
        (True, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "2001:db8::1"}, "2001:db8::1"),
        (True, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "not-an-address"}, "10.0.0.1"),
        (True, {"REMOTE_ADDR": "10.0.0.1"}, "10.0.0.1"),
        (False, {"REMOTE_ADDR": ""}, None),
    ],
)
def test_client_address(settings, behind_proxy, meta, expected):
    settings.BEHIND_PROXY = behind_proxy
    request = RequestFactory().get("/", **meta)
    assert client_address(request) == expected


def test_a_request_built_in_code_has_no_address():
    assert client_address(HttpRequest()) is None
