"""Compare the catalogs with a fresh extraction (`equity.i18n.extract.extracted_copy`): a marked string that no
catalog entry translates, or an entry whose string is no longer marked anywhere, is a problem."""

from __future__ import annotations

from pathlib import Path

import polib

from equity.i18n.catalogs import catalog_path
from equity.i18n.languages import translated_language_codes


def _keys(catalog: polib.POFile) -> set[tuple[str, str]]:
    return {(entry.msgctxt or "", entry.msgid) for entry in catalog if not entry.obsolete}


def source_problems(fresh_locale: Path) -> list[str]:
    problems = []
    for language in translated_language_codes():
        fresh = polib.pofile(str(fresh_locale / language / "LC_MESSAGES" / "django.po"))
        kept = polib.pofile(str(catalog_path(language)))
        for context, msgid in sorted(_keys(fresh) - _keys(kept)):
            problems.append(
                f"{language}: marked but not in the catalog: {msgid[:70]!r}"
                + (f" (context {context!r})" if context else "")
                + "; run `manage.py catalogs_update` and translate it"
            )
        for _context, msgid in sorted(_keys(kept) - _keys(fresh)):
            problems.append(f"{language}: in the catalog but no longer marked: {msgid[:70]!r}; run catalogs_update")
    return problems
