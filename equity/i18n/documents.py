"""The language a document is made in: reports and certificates (PDF), the public site's PDFs and exports.

A PDF is written in the language it was asked for in (the requester's active language, or the one chosen on the
request form), recorded with the job so a worker builds it in that language; scripts' exports (CSV, JSON) are in
English whatever the requester's language, so their headers and values stay stable. docs/translation/reports.md,
ADR 0061.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_info

from equity.i18n.languages import portal_language_codes

EXPORT_LANGUAGE = "en"  # CSV and JSON exports, and every export's column headers


def document_language(code: str | None) -> str:
    """The portal language closest to `code` ("es-MX" → "es", "en-us" → "en"); LANGUAGE_CODE's for an unknown or
    empty one. Always one of settings.LANGUAGES."""
    codes = portal_language_codes()
    for candidate in (code, settings.LANGUAGE_CODE):
        if not candidate:
            continue
        candidate = candidate.lower().replace("_", "-")
        for option in (candidate, candidate.split("-")[0]):  # not Django's check_for_language: no catalog needed
            if option in codes:
                return option
    return portal_language_codes()[0]


def active_document_language() -> str:
    """The portal language active now (the request's)."""
    return document_language(translation.get_language())


def language_choices() -> list[tuple[str, str]]:
    """The portal's languages, each named in its own language ("Español", "Soomaali"), for a form's choices."""
    return [(code, get_language_info(code)["name_local"]) for code in portal_language_codes()]


@contextmanager
def in_english() -> Iterator[None]:
    """Produce an export's stable part (CSV and JSON files, every export's column headers) in English."""
    with translation.override(EXPORT_LANGUAGE):
        yield
