"""Reads of the public site. Anonymous pages read only published publications and their snapshots; the equity
team's pages read every publication."""

from __future__ import annotations

from django.db.models import QuerySet

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
