"""The published PDF progress report of a plan: built once per plan snapshot, at publish time, from the snapshot's
payload only (so what was suppressed or left out of the snapshot cannot appear), with the reports app's WeasyPrint
renderer, by a Celery task on the reports queue (in-process when no broker is configured). ADR 0050.

One file per portal language (ADR 0061): the default language's is the snapshot's `pdf` (its status is
`pdf_status`); the others sit beside it, named with their language code, and are built by the same task right after.
A language whose file could not be built is served in the default language instead.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from equity.broker import task_send_bounded
from equity.i18n.documents import document_language
from equity.i18n.languages import portal_language_codes
from public.cache import site_changed
from public.models import Publication, Snapshot
from public.presenters.content import overlaid_one
from reports import render

logger = logging.getLogger(__name__)
PdfStatus = Snapshot.PdfStatus


def default_pdf_language() -> str:
    """The language of the snapshot's own file (`Snapshot.pdf`): LANGUAGE_CODE's portal language."""
    return document_language(settings.LANGUAGE_CODE)


def snapshot_pdf_path(*, snapshot: Snapshot, language: str | None = None) -> Path:
    """The snapshot's final file in a language (the default one when None), under the private MEDIA_ROOT (served
    only by the public PDF views). The default language's file keeps the name it had before languages."""
    language = document_language(language or settings.LANGUAGE_CODE)
    suffix = "" if language == default_pdf_language() else f"-{language}"
    return Path(settings.MEDIA_ROOT) / "public" / f"plan-{snapshot.publication_id}-{snapshot.number}{suffix}.pdf"


def _write(*, snapshot: Snapshot, language: str) -> None:
    final_path = snapshot_pdf_path(snapshot=snapshot, language=language)
    with translation.override(language):
        html = snapshot_pdf_html(snapshot=snapshot)
    rendered = render.report_pdf_write(html=html, final_path=final_path)
    render.report_pdf_publish(rendered=rendered, final_path=final_path)


def _other_languages_build(*, snapshot: Snapshot) -> None:
    """Each other portal language's file that is missing; one that fails is logged (its visitors get the default)."""
    for language in portal_language_codes():
        if language == default_pdf_language() or snapshot_pdf_path(snapshot=snapshot, language=language).exists():
            continue
        try:
            _write(snapshot=snapshot, language=language)
        except Exception:  # noqa: BLE001 - the default language's file is served instead
            logger.exception("Public PDF of snapshot %s in %s could not be built", snapshot.pk, language)


def snapshot_pdf_html(*, snapshot: Snapshot) -> str:
    """The report's HTML, from the payload (its published text in the active language where a translation of it
    exists when the file is made) and the snapshot's own dates."""
    shown = overlaid_one(snapshot.payload)
    context = {
        "payload": shown.payload,
        "content_notes": shown.notes,
        "snapshot": snapshot,
        "publication": snapshot.publication,
        "city_name": settings.CITY_NAME,
        "generated_at": timezone.localtime(snapshot.published_at),
    }
    return render_to_string("public/pdf/plan.html", context)


def snapshot_pdf_build(*, snapshot_id: int) -> str:
    """Build the PDF of a plan snapshot and mark it ready, or failed (logged) when it cannot be built. Safe to run
    twice: the file is replaced atomically under its one name. Returns the status it set."""
    snapshot = Snapshot.objects.select_related("publication").filter(pk=snapshot_id).first()
    if snapshot is None or snapshot.publication.kind != Publication.Kind.PLAN:
        return PdfStatus.NONE
    if snapshot.pdf_status == PdfStatus.READY and snapshot.pdf and Path(snapshot.pdf.path).exists():
        _other_languages_build(snapshot=snapshot)
        return PdfStatus.READY
    final_path = snapshot_pdf_path(snapshot=snapshot)
    try:
        _write(snapshot=snapshot, language=default_pdf_language())
    except Exception:  # noqa: BLE001 - any fault in one report is recorded on it, never raised into a request
        logger.exception("Public PDF of snapshot %s could not be built", snapshot_id)
        Snapshot.objects.filter(pk=snapshot_id).update(pdf_status=PdfStatus.FAILED)
        site_changed()
        return PdfStatus.FAILED
    name = str(final_path.relative_to(settings.MEDIA_ROOT))
    Snapshot.objects.filter(pk=snapshot_id).update(pdf=name, pdf_status=PdfStatus.READY)
    site_changed()  # pages cached while it was "being prepared" now link it
    _other_languages_build(snapshot=snapshot)
    return PdfStatus.READY


def snapshot_pdf_send(*, snapshot_id: int) -> bool:
    """Send the build task (on the reports queue: report workers have what WeasyPrint needs); False, with the
    snapshot left "building", when the broker cannot be reached in time."""
    from public.tasks import snapshot_pdf_task

    return task_send_bounded(snapshot_pdf_task, kwargs={"snapshot_id": snapshot_id}, queue=settings.REPORTS_QUEUE)


def snapshot_pdf_request(*, snapshot: Snapshot) -> None:
    """Inside the publishing transaction: mark a plan snapshot's PDF as building and send its task on commit."""
    if snapshot.publication.kind != Publication.Kind.PLAN:
        return
    Snapshot.objects.filter(pk=snapshot.pk).update(pdf_status=PdfStatus.BUILDING)
    snapshot.pdf_status = PdfStatus.BUILDING
    snapshot_id = snapshot.pk
    transaction.on_commit(lambda: snapshot_pdf_send(snapshot_id=snapshot_id))
