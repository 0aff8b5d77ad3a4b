"""The public pages answer anonymous visitors from published snapshots only: 200 once published, 404 before and
after, never a cookie, an earlier version reachable and marked as not current."""

from __future__ import annotations

import pytest
from django.test import Client

from equity.models import User
from public.cache import site_changed
from tests.public.site_helpers import public_urls, publish_demo, republish, take_down

# Every test here reads the demo city: seeded once for the module (tests/public/conftest.py).
pytestmark = pytest.mark.usefixtures("demo_city")


@pytest.fixture(autouse=True)
def _fresh_cache():
    site_changed()  # nothing cached by an earlier test on this cache is served


def test_every_page_answers_anonymous_visitors_once_published(demo, client):
    pubs = publish_demo(demo)
    for url in public_urls(pubs):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"<script" not in response.content, url
        assert b'name="csrfmiddlewaretoken"' not in response.content, url
        assert 'lang="en' in response.content.decode(), url


def test_pages_are_404_before_publishing(demo, client):
    assert client.get("/public/plans/citywide-racial-equity-action-plan-20252028/").status_code == 404
    assert client.get("/public/indicators/homeownership-rate/").status_code == 404
    assert client.get("/public/narrative/city-wide-racial-equity-narrative/").status_code == 404
    response = client.get("/public/")
    assert response.status_code == 200
    assert "No action plan has been published yet." in response.content.decode()


def test_unpublishing_answers_404_at_once(demo, client):
    pubs = publish_demo(demo)
    plan_url = f"/public/plans/{pubs['plan'].slug}/"
    assert client.get(plan_url).status_code == 200  # now cached
    take_down(demo, pubs["plan"])
    for url in (plan_url, f"{plan_url}versions/1/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Page not found" in response.content.decode()
        assert "Skip to main content" in response.content.decode()  # the public layout
    assert pubs["plan"].title not in client.get("/public/").content.decode()


def test_unknown_slug_and_version_are_404_never_500(demo, client):
    pubs = publish_demo(demo)
    slug = pubs["plan"].slug
    for url in (
        "/public/plans/no-such-plan/",
        f"/public/plans/{slug}/versions/2/",
        f"/public/plans/{slug}/versions/0/",
        f"/public/plans/{slug}/versions/99999999999999999999/",
        f"/public/indicators/{slug}/",  # a plan's slug is not an indicator's
        "/public/practices/no-such-practice/",
    ):
        assert client.get(url).status_code == 404, url


def test_no_cookie_is_set_even_for_a_signed_in_visitor(demo):
    pubs = publish_demo(demo)
    for user in (None, demo, User.objects.get(username="staff")):
        client = Client()
        if user is not None:
            client.force_login(user)
        for url in public_urls(pubs):
            response = client.get(url)
            assert response.status_code == 200
            assert not {"sessionid", "csrftoken"} & set(response.cookies), (url, user)
            assert "Set-Cookie" not in response.headers, (url, user)


def test_a_signed_in_visitor_sees_the_same_page_as_anyone(demo):
    pubs = publish_demo(demo)
    url = f"/public/plans/{pubs['plan'].slug}/"
    signed_in = Client()
    signed_in.force_login(demo)
    first = signed_in.get(url).content
    assert b"Elena Ramirez" not in first and b"Sign out" not in first
    assert Client().get(url).content == first


def test_only_get_and_head(demo, client):
    publish_demo(demo)
    assert client.post("/public/").status_code == 405
    assert client.head("/public/").status_code == 200


def test_an_earlier_version_stays_reachable_and_says_it_is_not_current(demo, client):
    pubs = publish_demo(demo)
    plan = republish(demo, pubs["plan"], note="Third quarter")
    current = client.get(f"/public/plans/{plan.slug}/").content.decode()
    assert "See the version of" in current and f"/public/plans/{plan.slug}/versions/1/" in current
    assert "Third quarter" in current and "earlier version" not in current
    old = client.get(f"/public/plans/{plan.slug}/versions/1/").content.decode()
    assert "This is an earlier version" in old and "It is not the current one." in old
    assert f'href="/public/plans/{plan.slug}/"' in old
    assert "/versions/1/report.pdf" in old  # the PDF of the version shown
    newest = client.get(f"/public/plans/{plan.slug}/versions/2/").content.decode()
    assert "This is an earlier version" not in newest


def test_indicator_versions(demo, client):
    pubs = publish_demo(demo)
    survey = republish(demo, pubs["survey"])
    assert client.get(f"/public/indicators/{survey.slug}/versions/2/").status_code == 200
    old = client.get(f"/public/indicators/{survey.slug}/versions/1/").content.decode()
    assert "This is an earlier version" in old
    assert client.get(f"/public/indicators/{survey.slug}/versions/3/").status_code == 404
