"""The "try again" page (503) and the server error page in real Chromium: complete titles, zero axe violations."""

import pytest
from django.db import OperationalError
from django.http import HttpRequest
from playwright.sync_api import expect

from equity.views.errors import server_error
from tests.browser import assert_accessible

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]


def _error_page(exc: Exception) -> tuple[int, str]:
    request = HttpRequest()
    request.path = "/plans/"
    try:
        raise exc
    except Exception:  # noqa: BLE001 - the handler reads the exception being handled
        response = server_error(request)
    return response.status_code, response.content.decode()


@pytest.mark.parametrize(
    ("exc", "status", "heading"),
    [
        (OperationalError("canceling statement due to lock timeout"), 503, "The portal is busy"),
        (ValueError("a bug"), 500, "Something went wrong"),
    ],
)
def test_error_pages_are_accessible(page, live_server, exc, status, heading):
    code, html = _error_page(exc)
    assert code == status
    url = f"{live_server.url}/error-page-probe/"  # served from the portal's origin, so its styles load
    page.route(url, lambda route: route.fulfill(status=code, body=html, content_type="text/html; charset=utf-8"))
    page.goto(url)
    expect(page).to_have_title(f"{heading} · Equity Portal · City of St. Louis Park")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(page)
