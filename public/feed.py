"""The Atom feed of published updates (/public/feed.atom): one entry per snapshot of a publication that is published
now, newest first. An entry links to the page of that version and says what changed (the snapshot's note); it never
names who published it."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from public import addresses
from public.models import Snapshot

FEED_SIZE = 50


def _summary(snapshot: Snapshot) -> str:
    if snapshot.note:
        return snapshot.note
    return _("Version %(n)s of %(title)s was published.") % {"n": snapshot.number, "title": snapshot.publication.title}


def atom_feed(snapshots: Iterable[Snapshot], *, absolute: Callable[[str], str], feed_url: str, home_url: str) -> bytes:
    """The feed document (UTF-8) for `snapshots` (newest first, with their publications)."""
    feed = Atom1Feed(
        title=_("%(city)s: racial equity updates") % {"city": settings.CITY_NAME},
        link=home_url,
        description=_("Plans, indicators and reports the city has published, newest first."),
        feed_url=feed_url,
        feed_guid=feed_url,
        language=get_language(),
    )
    for snapshot in snapshots:
        publication = snapshot.publication
        link = absolute(addresses.version_path(publication.kind, publication.slug, snapshot.number))
        feed.add_item(
            title=_("%(title)s (version %(n)s)") % {"title": publication.title, "n": snapshot.number},
            link=link,
            unique_id=link,
            description=_summary(snapshot),
            pubdate=snapshot.published_at,
            updateddate=snapshot.published_at,
            categories=[str(publication.get_kind_display())],
        )
    return feed.writeString("utf-8").encode("utf-8")
