"""The published PDF progress report of a plan (current or an earlier version): the file built at publish time,
served as it is, in the language asked for (`?language=`) or the visitor's, the default language's file when that one
is missing; 404 while it is being prepared, when it failed, or when the plan is not published."""

from __future__ import annotations

from pathlib import Path

from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from equity.i18n.documents import document_language
from equity.i18n.languages import portal_language_codes
from public.http import public_response
from public.models import Publication, Snapshot
from public.pdf import default_pdf_language, snapshot_pdf_path
from public.selectors import published, published_snapshots


def _language(request: HttpRequest) -> str:
    """The language asked for (`?language=`, as the pages link it), else the visitor's."""
    asked = request.GET.get("language", "")
    return asked if asked in portal_language_codes() else document_language(get_language())


def _pdf_response(snapshot: Snapshot | None, publication: Publication, language: str) -> FileResponse:
    if snapshot is None or snapshot.pdf_status != Snapshot.PdfStatus.READY or not snapshot.pdf:
        raise Http404
    path = snapshot_pdf_path(snapshot=snapshot, language=language)
    if language == default_pdf_language() or not path.exists():  # not built in that language: the default one
        language, path = default_pdf_language(), Path(snapshot.pdf.path)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    suffix = "" if language == default_pdf_language() else f"-{language}"
    name = f"{publication.slug}-{snapshot.number}{suffix}.pdf"
    response = FileResponse(handle, content_type="application/pdf", filename=name)
    response["Content-Language"] = language
    return response


def _current_number(publication: Publication) -> int:
    if publication.current is None:
        raise Http404
    return publication.current.number


def _publication(slug: str) -> Publication:
    return get_object_or_404(published(kind=Publication.Kind.PLAN), slug=slug)


@public_response(params=("language",))
def plan_pdf_view(request: HttpRequest, slug: str) -> FileResponse:
    publication = _publication(slug)
    snapshot = published_snapshots(publication=publication).filter(number=_current_number(publication)).first()
    return _pdf_response(snapshot, publication, _language(request))


@public_response(params=("language",))
def plan_version_pdf_view(request: HttpRequest, slug: str, number: int) -> FileResponse:
    publication = _publication(slug)
    snapshot = published_snapshots(publication=publication).filter(number=number).first()
    return _pdf_response(snapshot, publication, _language(request))
