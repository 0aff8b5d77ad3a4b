"""The public pages' query budget: a fixed number of queries on a cache miss whatever the plan's size (up to the
largest plans, thousands of actions), and none at all when the page is served from the cache."""

from __future__ import annotations

import copy

import pytest
from django.utils import timezone

from public.cache import site_changed
from public.models import Publication, Snapshot
from tests.public.site_helpers import public_urls, publish_demo
from tests.queries import count_queries

# Every test here reads the demo city: seeded once for the module (tests/public/conftest.py).
pytestmark = pytest.mark.usefixtures("demo_city")

LARGE = 5000


@pytest.fixture(autouse=True)
def _fresh_cache():
    site_changed()


def _large_plan(author, payload: dict, *, actions: int) -> Publication:
    """A published plan of `actions` actions made from the demo plan's payload (every action copied, renumbered)."""
    big = copy.deepcopy(payload)
    template = big["actions"]
    rows = []
    for n in range(actions):
        row = dict(template[n % len(template)])
        row["code"], row["title"] = f"9.{n}", f"Generated action {n}"
        rows.append(row)
    big["actions"] = rows
    outcomes = [o for r in big["results"] for o in r["outcomes"]]
    for i, outcome in enumerate(outcomes):
        outcome["actions"] = rows[i :: len(outcomes)]
    big["unlinked_actions"] = []
    publication = Publication.objects.create(kind="plan", object_id=10**9, slug="large-plan", title="Large plan")
    snapshot = Snapshot.objects.create(
        publication=publication, number=1, payload=big, published_at=timezone.now(), published_by=author
    )
    Publication.objects.filter(pk=publication.pk).update(current=snapshot, is_published=True)
    site_changed()
    publication.refresh_from_db()
    return publication


def test_a_page_from_the_cache_makes_no_query(demo, client, django_assert_num_queries):
    pubs = publish_demo(demo)
    for url in public_urls(pubs):
        assert client.get(url).status_code == 200
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200, url
    plan = f"/public/plans/{pubs['plan'].slug}/"
    client.get(plan, {"status": "completed"})
    with django_assert_num_queries(0):
        assert client.get(plan, {"status": "completed", "ignored": "x"}).status_code == 200


def test_the_plan_page_costs_the_same_queries_for_a_small_and_a_large_plan(demo, client):
    pubs = publish_demo(demo)
    small = count_queries(client, f"/public/plans/{pubs['plan'].slug}/")
    small_filtered = count_queries(client, f"/public/plans/{pubs['plan'].slug}/?status=completed&page=2")
    home_small = count_queries(client, "/public/")
    large = _large_plan(demo, pubs["plan"].current.payload, actions=LARGE)
    assert count_queries(client, f"/public/plans/{large.slug}/") == small <= 2
    assert count_queries(client, f"/public/plans/{large.slug}/?status=completed&page=2") == small_filtered
    assert count_queries(client, "/public/") == home_small
    html = client.get(f"/public/plans/{large.slug}/?page=100").content.decode()
    assert "Page 100 of 100" in html and html.count("Generated action ") == 50


def test_a_version_page_costs_one_more_query(demo, client):
    pubs = publish_demo(demo)
    slug = pubs["plan"].slug
    assert count_queries(client, f"/public/plans/{slug}/versions/1/") == count_queries(client, f"/public/plans/{slug}/")
    large = _large_plan(demo, pubs["plan"].current.payload, actions=200)
    assert large.current is not None
    Snapshot.objects.create(
        publication=large,
        number=2,
        payload=large.current.payload,
        published_at=timezone.now(),
        published_by=demo,
    )
    assert count_queries(client, f"/public/plans/{large.slug}/versions/2/") == 3
