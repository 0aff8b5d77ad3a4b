"""Reads of the public pages: published publications and their snapshots, nothing live. Each function runs a fixed
number of queries whatever the size of the payloads; `None` means "not public" (the view answers 404)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from public.models import Publication, Snapshot
from public.selectors import published, published_snapshots

PRACTICES_PER_PAGE = 20
NUMBER_MAX = 2**31 - 1  # a larger version number cannot exist (and would overflow the column)


@dataclass(frozen=True)
class Version:
    """One snapshot in the "earlier versions" list: its number, when it was published and what changed."""

    number: int
    published_at: datetime
    note: str
    is_current: bool


@dataclass(frozen=True)
class Shown:
    """A publication as a public page shows it: the snapshot shown (current or earlier) and every version."""

    publication: Publication
    snapshot: Snapshot
    versions: list[Version]

    @property
    def payload(self) -> dict:
        return self.snapshot.payload

    @property
    def is_current(self) -> bool:
        return self.snapshot.pk == self.publication.current_id

    @property
    def current_number(self) -> int:
        return next((v.number for v in self.versions if v.is_current), self.snapshot.number)


def _publication(kind: str, slug: str) -> Publication | None:
    return published(kind=kind).filter(slug=slug).first()


def _versions(publication: Publication) -> list[Version]:
    rows = published_snapshots(publication=publication).values_list("pk", "number", "published_at", "note")
    return [Version(number, at, note, pk == publication.current_id) for pk, number, at, note in rows]


def shown(*, kind: str, slug: str, number: int | None = None) -> Shown | None:
    """The published `kind` at `slug`: its current snapshot, or snapshot `number` (2 or 3 queries)."""
    if number is not None and not 0 < number <= NUMBER_MAX:
        return None
    publication = _publication(kind, slug)
    if publication is None or publication.current is None:
        return None
    snapshot: Snapshot | None = publication.current
    if number is not None and number != publication.current.number:
        snapshot = publication.snapshots.filter(number=number).first()
    if snapshot is None:
        return None
    return Shown(publication, snapshot, _versions(publication))


def plan_summaries() -> list[dict]:
    """Every published plan for the home page: slug, title, date and roll-up, without the plans' trees (1 query)."""
    rows = (
        published(kind=Publication.Kind.PLAN)
        .order_by("title", "pk")
        .values(
            "slug",
            "title",
            "current__published_at",
            "current__payload__rollup",
            "current__payload__period_start",
            "current__payload__period_end",
            "current__payload__scope_label",
        )
    )
    return [
        {
            "slug": row["slug"],
            "title": row["title"],
            "as_of": row["current__published_at"],
            "rollup": row["current__payload__rollup"] or {},
            "period_start": row["current__payload__period_start"],
            "period_end": row["current__payload__period_end"],
            "scope_label": row["current__payload__scope_label"],
        }
        for row in rows
    ]


def current_list(*, kind: str) -> list[Publication]:
    """Every published publication of `kind` with its current snapshot (1 query); indicators' and narratives'
    payloads are small."""
    return list(published(kind=kind).order_by("title", "pk"))


def practice_page(*, page: str | None) -> Page:
    """A page of published practices, by title (2 queries: count and page)."""
    qs: QuerySet[Publication] = published(kind=Publication.Kind.PRACTICE).order_by("title", "pk")
    return Paginator(qs, PRACTICES_PER_PAGE).get_page(page)
