"""The site's icon: every page links it, and /favicon.ico (asked for whatever a page links) is no 404."""

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("signed_in", [False, True])
def test_favicon_ico_redirects_to_the_static_icon_without_a_query(client, signed_in):
    if signed_in:
        client.force_login(UserFactory())
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.ico"
    assert "max-age=86400" in response["Cache-Control"]
    assert finders.find("img/favicon.ico") and finders.find("img/favicon.svg")
    if not signed_in:  # a signed-in request reads its session and user in the middleware; the view itself none
        assert len(queries) == 0, [q["sql"] for q in queries.captured_queries]


def test_pages_link_the_icon(client):
    html = client.get(reverse("login")).content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
