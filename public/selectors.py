"""Reads of the public site. Anonymous pages read only published publications and their snapshots; the equity
team's pages read every publication."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery

from equity.models import User
from public.models import EmbedOrigin, Publication, Snapshot
from public.permissions import can_publish


def publication_list_for_user(*, user: User) -> QuerySet[Publication]:
    """Every publication, for the equity team; nothing for anyone else."""
    qs = Publication.objects.select_related("current", "current__published_by")
    return qs if can_publish(user) else qs.none()


def published(*, kind: str | None = None) -> QuerySet[Publication]:
    """What the public may see now: published publications with their current snapshot."""
    qs = Publication.objects.filter(is_published=True).select_related("current")
    return qs if kind is None else qs.filter(kind=kind)


def published_snapshots(*, publication: Publication) -> QuerySet[Snapshot]:
    """The snapshots of a published publication, newest first, without their payloads (for "earlier versions");
    none when it is not published."""
    if not publication.is_published:
        return Snapshot.objects.none()
    return publication.snapshots.defer("payload").order_by("-number")


def embed_origins() -> list[str]:
    """The sites allowed to frame the widgets (one query)."""
    return list(EmbedOrigin.objects.values_list("origin", flat=True))


def published_publication(*, kind: str, slug: str) -> Publication | None:
    """The published publication of `kind` at `slug`, with its current snapshot (one query); None when there is no
    such publication or it is not published."""
    return published(kind=kind).filter(slug=slug).first()


def catalog_publications() -> QuerySet[Publication]:
    """The published plans and indicators for the open data catalog, with their current snapshot and the date of
    their first snapshot (`issued`), in one query."""
    first = Snapshot.objects.filter(publication=OuterRef("pk")).order_by("number").values("published_at")[:1]
    return (
        published()
        .filter(kind__in=(Publication.Kind.PLAN, Publication.Kind.INDICATOR))
        .annotate(issued=Subquery(first))
        .order_by("kind", "title", "pk")
    )


def feed_snapshots(*, limit: int) -> list[Snapshot]:
    """The latest `limit` snapshots of publications published now, newest first, without payloads (one query)."""
    return list(
        Snapshot.objects.filter(publication__is_published=True)
        .select_related("publication")
        .defer("payload")
        .order_by("-published_at", "-pk")[:limit]
    )
