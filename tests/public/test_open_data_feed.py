"""/public/feed.atom: one entry per snapshot of what is published now (newest first, at most 50), linking to the
page of that version, with the snapshot's note; nothing of unpublished publications; never who published."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from public.cache import site_changed
from public.models import Snapshot
from tests.public.open_data import (
    count_queries,
    make_indicator,
    make_plan,
    open_data,  # noqa: F401 - fixture
    published,
    withdrawn,
)

pytestmark = pytest.mark.usefixtures("open_data")

ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(client) -> list[dict]:
    response = client.get(reverse("public:feed"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert not response.cookies
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),  # type: ignore[union-attr]
            "updated": entry.findtext(f"{ATOM}updated"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in root.iter(f"{ATOM}entry")
    ]


def test_each_published_version_is_an_entry_newest_first(client, personas):
    plan = make_plan()
    first = published(personas.equity, plan, note="First public version")
    plan_publication = published(personas.equity, plan, version=first.version, note="Quarter 3 statuses")
    indicator = published(personas.equity, make_indicator())
    entries = _entries(client)
    slug = plan_publication.slug
    assert [entry["link"] for entry in entries] == [
        f"http://testserver/public/indicators/{indicator.slug}/versions/1/",
        f"http://testserver/public/plans/{slug}/versions/2/",
        f"http://testserver/public/plans/{slug}/versions/1/",
    ]
    assert [entry["summary"] for entry in entries[1:]] == ["Quarter 3 statuses", "First public version"]
    assert entries[0]["summary"] == f"Version 1 of {indicator.title} was published."
    assert entries[1]["title"] == f"{plan_publication.title} (version 2)"
    assert entries[1]["updated"] == plan_publication.current.published_at.astimezone(datetime.UTC).isoformat()


def test_unpublished_publications_are_left_out_and_publishers_never_named(client, personas):
    kept = published(personas.equity, make_indicator(name="Kept"))
    gone = published(personas.equity, make_plan())
    withdrawn(personas.equity, gone)
    entries = _entries(client)
    assert [entry["title"] for entry in entries] == [f"{kept.title} (version 1)"]
    body = client.get(reverse("public:feed")).content.decode()
    assert gone.slug not in body and personas.equity.full_name not in body


def test_at_most_fifty_entries(client, personas):
    publication = published(personas.equity, make_indicator())
    current = publication.current
    Snapshot.objects.bulk_create(
        Snapshot(
            publication=publication,
            number=n,
            payload=current.payload,
            published_at=current.published_at + datetime.timedelta(minutes=n),
            published_by=personas.equity,
        )
        for n in range(2, 53)
    )
    site_changed()
    entries = _entries(client)
    assert len(entries) == 50
    assert entries[0]["link"].endswith("/versions/52/") and entries[-1]["link"].endswith("/versions/3/")


def test_the_feed_costs_the_same_queries_for_one_and_three_publications_and_none_when_cached(client, personas):
    published(personas.equity, make_plan())
    url = reverse("public:feed")
    one = count_queries(client, url)
    assert count_queries(client, url) == 0
    published(personas.equity, make_indicator(name="Second"))
    published(personas.equity, make_indicator(name="Third"))
    site_changed()
    assert count_queries(client, url) == one == 1
    assert len(_entries(client)) == 3


def test_the_feed_is_get_only(client, db):
    assert client.post(reverse("public:feed")).status_code == 405
