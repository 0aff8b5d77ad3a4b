"""A public response carries no cookie and does not vary by cookie, whoever asks, found or not found; a staff page
still renews the signed-in session's cookie (so the first tests would fail if the rule were off)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.public.probe_urls import MISSING, PROBE

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.public.probe_urls")]


@pytest.mark.parametrize(("path", "status"), [(PROBE, 200), (MISSING, 404), ("/public/no-such-page/", 404)])
def test_no_cookie_for_a_signed_in_visitor(client, personas, path, status):
    client.force_login(personas.get("staff"))
    response = client.get(path)
    assert response.status_code == status
    assert not response.cookies
    if status == 200:  # a page a shared cache may keep is the same for everyone
        assert "Cookie" not in response.get("Vary", "")


@pytest.mark.parametrize(("path", "status"), [(PROBE, 200), (MISSING, 404), ("/public/no-such-page/", 404)])
def test_no_cookie_for_an_anonymous_visitor(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert not response.cookies
    assert response.get("Cache-Control", "").startswith("public") or status == 404


def test_the_signed_in_session_still_works_after_a_public_page(client, personas):
    client.force_login(personas.get("staff"))
    client.get(PROBE)
    response = client.get(reverse("profile"))
    assert response.status_code == 200
    assert response.cookies  # a staff page renews the session (at most once a minute) and its cookie
