"""The published PDF progress report of a plan (current or an earlier version): the file built at publish time,
served as it is; 404 while it is being prepared, when it failed, or when the plan is not published."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404

from public.http import public_response
from public.models import Publication, Snapshot
from public.selectors import published, published_snapshots


def _pdf_response(snapshot: Snapshot | None, publication: Publication) -> FileResponse:
    if snapshot is None or snapshot.pdf_status != Snapshot.PdfStatus.READY or not snapshot.pdf:
        raise Http404
    try:
        handle = snapshot.pdf.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = f"{publication.slug}-{snapshot.number}.pdf"
    return FileResponse(handle, content_type="application/pdf", filename=name)


def _current_number(publication: Publication) -> int:
    if publication.current is None:
        raise Http404
    return publication.current.number


def _publication(slug: str) -> Publication:
    return get_object_or_404(published(kind=Publication.Kind.PLAN), slug=slug)


@public_response()
def plan_pdf_view(request: HttpRequest, slug: str) -> FileResponse:
    publication = _publication(slug)
    snapshot = published_snapshots(publication=publication).filter(number=_current_number(publication)).first()
    return _pdf_response(snapshot, publication)


@public_response()
def plan_version_pdf_view(request: HttpRequest, slug: str, number: int) -> FileResponse:
    publication = _publication(slug)
    snapshot = published_snapshots(publication=publication).filter(number=number).first()
    return _pdf_response(snapshot, publication)
