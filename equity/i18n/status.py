"""The translation status page's reads: per language how much is translated and reviewed, and the entries to review.

The catalogs are files, not rows: these read them through `equity.i18n.catalogs` (parsed once per file change), so
the pages cost no query beyond the signed-in person's.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language_info

from equity.i18n.catalogs import CatalogStatus, Entry, ReviewState, catalog_status, catalog_statuses


@dataclass(frozen=True)
class LanguageRow:
    code: str
    name: str
    name_local: str
    status: CatalogStatus


def language_rows() -> list[LanguageRow]:
    rows = []
    for status in catalog_statuses():
        info = get_language_info(status.language)
        rows.append(LanguageRow(status.language, info["name_translated"], info["name_local"], status))
    return rows


def entries_matching(language: str, *, state: str = "", public_only: bool = False, text: str = "") -> list[Entry]:
    """The language's entries in catalog order, narrowed by review state, public-site use and text (either side)."""
    needle = text.casefold()
    return [
        entry
        for entry in catalog_status(language).entries
        if (not state or entry.state == ReviewState(state))
        and (not public_only or entry.public)
        and (not needle or needle in entry.msgid.casefold() or needle in entry.translation.casefold())
    ]
