"""Open data of the public site: CSV and JSON downloads of each published plan and indicator, their JSON Schemas,
the DCAT-US catalog (/data.json) and the Atom feed of published updates. Everything is made from published
snapshots only and served through `public_response` (GET only, cached, the same bytes for everyone)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from equity.exports import csv_bytes
from equity.i18n.documents import in_english
from public import addresses, catalog, downloads
from public.feed import FEED_SIZE, atom_feed
from public.http import public_response
from public.models import Publication, Snapshot
from public.selectors import catalog_publications, feed_snapshots, published_publication

Kind = Publication.Kind
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
JSON = "application/json"
CSV = "text/csv; charset=utf-8"


def _current(kind: str, slug: str) -> Snapshot:
    publication = published_publication(kind=kind, slug=slug)
    if publication is None:
        raise Http404
    assert publication.current is not None  # a published publication has one (database constraint)
    publication.current.publication = publication
    return publication.current


def _document(request: HttpRequest, kind: str, slug: str, build: Callable[..., dict]) -> dict:
    snapshot = _current(kind, slug)
    with in_english():  # open data: the same English document whatever the visitor's language (ADR 0061)
        return build(
            snapshot,
            schema_url=request.build_absolute_uri(addresses.schema_path(kind)),
            page_url=request.build_absolute_uri(addresses.page_path(kind, slug)),
        )


def _json(document: dict, *, filename: str | None = None) -> HttpResponse:
    content = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    response = HttpResponse(content, content_type=JSON)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _csv(header: tuple[str, ...], rows: Iterator[list[object]], *, filename: str) -> HttpResponse:
    response = HttpResponse(csv_bytes(header=header, rows=rows), content_type=CSV)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@public_response()
def plan_json(request: HttpRequest, slug: str) -> HttpResponse:
    """A published plan's actions as JSON (schema plan-actions-v1)."""
    document = _document(request, Kind.PLAN, slug, downloads.plan_document)
    return _json(document, filename=f"{slug}-actions.json")


@public_response()
def plan_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """A published plan's actions as CSV (columns in docs/public/open-data.md)."""
    document = _document(request, Kind.PLAN, slug, downloads.plan_document)
    return _csv(downloads.PLAN_COLUMNS, downloads.plan_rows(document), filename=f"{slug}-actions.csv")


@public_response()
def indicator_json(request: HttpRequest, slug: str) -> HttpResponse:
    """A published indicator's values by group and year and its gaps as JSON (schema indicator-values-v1)."""
    document = _document(request, Kind.INDICATOR, slug, downloads.indicator_document)
    return _json(document, filename=f"{slug}-values.json")


@public_response()
def indicator_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """A published indicator's values with their gaps as CSV (columns in docs/public/open-data.md)."""
    document = _document(request, Kind.INDICATOR, slug, downloads.indicator_document)
    return _csv(downloads.INDICATOR_COLUMNS, downloads.indicator_rows(document), filename=f"{slug}-values.csv")


@public_response()
def schema(request: HttpRequest, name: str) -> HttpResponse:
    """The JSON Schema of a JSON download; only the names the site publishes (no file path from the request)."""
    if name not in addresses.SCHEMAS.values():
        raise Http404
    content = (SCHEMA_DIR / f"{name}.json").read_bytes()
    return HttpResponse(content, content_type=catalog.SCHEMA_MEDIA_TYPE)


@public_response()
def data_json(request: HttpRequest) -> HttpResponse:
    """The DCAT-US 1.1 catalog of the published plans and indicators."""
    with in_english():
        document = catalog.catalog(
            catalog_publications(),
            absolute=request.build_absolute_uri,
            catalog_url=request.build_absolute_uri(reverse("public:data_json")),
        )
    return _json(document)


@public_response()
def feed(request: HttpRequest) -> HttpResponse:
    """The Atom feed of published updates (at most FEED_SIZE, newest first)."""
    content = atom_feed(
        feed_snapshots(limit=FEED_SIZE),
        absolute=request.build_absolute_uri,
        feed_url=request.build_absolute_uri(reverse("public:feed")),
        home_url=request.build_absolute_uri(reverse("public:home")),
    )
    return HttpResponse(content, content_type="application/atom+xml; charset=utf-8")
