"""HTML to PDF with WeasyPrint: tagged PDF/UA-1 with the document's title and language, written atomically."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML

PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class RenderedPdf:
    """A PDF written to a temporary file next to its final name, not yet published."""

    tmp_path: Path
    pages: int
    size: int


def report_html(*, template: str, context: dict) -> str:
    """The report's HTML (its template extends reports/pdf/base.html, which sets title, language and @page boxes)."""
    return render_to_string(template, context)


def report_pdf_write(*, html: str, final_path: Path) -> RenderedPdf:
    """Lay the HTML out and write the PDF to a temporary name beside `final_path` (rename it to publish)."""
    final_path.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = final_path.with_name(f".{final_path.name}.{uuid.uuid4().hex}.tmp")
    document = HTML(string=html, base_url=str(settings.BASE_DIR), encoding="utf-8").render(pdf_variant=PDF_VARIANT)
    try:
        document.write_pdf(tmp_path, pdf_variant=PDF_VARIANT)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
    return RenderedPdf(tmp_path=tmp_path, pages=len(document.pages), size=tmp_path.stat().st_size)


def report_pdf_publish(*, rendered: RenderedPdf, final_path: Path) -> None:
    """Atomically replace the final file with the rendered one (same directory, so rename is atomic)."""
    os.replace(rendered.tmp_path, final_path)


def report_pdf_discard(*, rendered: RenderedPdf) -> None:
    """Remove a rendered file that lost the race to publish."""
    rendered.tmp_path.unlink(missing_ok=True)
