"""The interface catalogs (locale/<language>/LC_MESSAGES/django.po) read as data: what is translated, what is
reviewed, what is wrong. The translation status page, the catalog check and the public site's "machine-assisted"
note all read them through here.

Review state lives in each entry's translator comment (kept by `msgmerge`, unlike custom flags):

    # review: machine-assisted                    drafted without a human translator
    # review: reviewed by Ayaan Hassan, 2027-01-15  checked by a translator
    (no review line)                               translated by a person, not yet reviewed

A fuzzy or empty entry is not translated: Django does not use it, and the catalog check fails on it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import polib
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from equity.i18n.checks import entry_problems
from equity.i18n.languages import nplurals, plural_forms, translated_language_codes

REVIEW_PREFIX = "review:"
# Entries whose source is one of these shows on the public site (its pages, embeds and PDFs).
PUBLIC_SOURCES = ("public/", "templates/public/")


class ReviewState(enum.StrEnum):
    MISSING = "missing"
    MACHINE = "machine"
    DRAFT = "draft"
    REVIEWED = "reviewed"

    @property
    def label(self) -> str:
        return str(REVIEW_LABELS[self])


REVIEW_LABELS = {
    ReviewState.MISSING: _("Not translated"),
    ReviewState.MACHINE: _("Machine-assisted, not reviewed"),
    ReviewState.DRAFT: _("Translated by a person, not reviewed"),
    ReviewState.REVIEWED: _("Reviewed"),
}


@dataclass(frozen=True)
class Entry:
    msgid: str
    msgid_plural: str
    context: str
    translation: str
    state: ReviewState
    reviewer: str
    sources: tuple[str, ...]
    problems: tuple[str, ...]

    @property
    def public(self) -> bool:
        return any(source.startswith(PUBLIC_SOURCES) for source in self.sources)


@dataclass
class CatalogStatus:
    language: str
    entries: list[Entry] = field(default_factory=list)
    header_problems: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.entries)

    def count(self, *states: ReviewState) -> int:
        return sum(1 for entry in self.entries if entry.state in states)

    @property
    def translated(self) -> int:
        return self.total - self.count(ReviewState.MISSING)

    @property
    def reviewed(self) -> int:
        return self.count(ReviewState.REVIEWED)

    @property
    def machine(self) -> int:
        return self.count(ReviewState.MACHINE)

    @property
    def with_problems(self) -> int:
        return sum(1 for entry in self.entries if entry.problems)

    def share(self, count: int) -> float:
        """`count` as a share of all entries, rounded down to one decimal so 99.96 % never shows as 100 %."""
        return int(1000 * count / self.total) / 10 if self.total else 0.0

    @property
    def translated_share(self) -> float:
        return self.share(self.translated)

    @property
    def reviewed_share(self) -> float:
        return self.share(self.reviewed)

    @property
    def public_reviewed(self) -> bool:
        return all(entry.state is ReviewState.REVIEWED for entry in self.entries if entry.public)


def catalog_path(language: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"


def _review(entry: polib.POEntry) -> tuple[ReviewState, str]:
    if entry.fuzzy or not (entry.msgstr or any(entry.msgstr_plural.values())):
        return ReviewState.MISSING, ""
    for line in (entry.tcomment or "").splitlines():
        line = line.strip()
        if line.lower().startswith(REVIEW_PREFIX):
            value = line[len(REVIEW_PREFIX) :].strip()
            if value.lower().startswith("reviewed"):
                return ReviewState.REVIEWED, value[len("reviewed") :].strip().removeprefix("by").strip()
            if value.lower().startswith("machine"):
                return ReviewState.MACHINE, ""
    return ReviewState.DRAFT, ""


def _entry(language: str, po_entry: polib.POEntry) -> Entry:
    state, reviewer = _review(po_entry)
    forms = [po_entry.msgstr_plural[index] for index in sorted(po_entry.msgstr_plural)]
    problems: tuple[str, ...] = ()
    if state is not ReviewState.MISSING:
        problems = tuple(
            entry_problems(
                po_entry.msgid,
                po_entry.msgid_plural,
                po_entry.msgstr,
                forms,
                nplurals(language),
                python_format="python-format" in po_entry.flags,
            )
        )
    return Entry(
        msgid=po_entry.msgid,
        msgid_plural=po_entry.msgid_plural,
        context=po_entry.msgctxt or "",
        translation=po_entry.msgstr or (forms[-1] if forms else ""),
        state=state,
        reviewer=reviewer,
        sources=tuple(path for path, _line in po_entry.occurrences),
        problems=problems,
    )


@lru_cache(maxsize=16)
def _read(language: str, path: str, modified: float) -> CatalogStatus:
    catalog = polib.pofile(path)
    status = CatalogStatus(language, [_entry(language, entry) for entry in catalog if not entry.obsolete])
    if catalog.metadata.get("Plural-Forms", "").strip() != plural_forms(language):
        status.header_problems.append(
            str(_("the Plural-Forms header must be “%(expected)s”") % {"expected": plural_forms(language)})
        )
    return status


def catalog_status(language: str) -> CatalogStatus:
    """The language's catalog as data, read again only when the file changes."""
    path = catalog_path(language)
    if not path.exists():
        return CatalogStatus(language, header_problems=[str(_("the catalog file is missing"))])
    return _read(language, str(path), path.stat().st_mtime)


def catalog_statuses() -> list[CatalogStatus]:
    return [catalog_status(language) for language in translated_language_codes()]


def interface_reviewed(language: str) -> bool:
    """Whether every interface string the public site shows is reviewed in `language` (English always is)."""
    if language.split("-")[0] == "en":
        return True
    return catalog_status(language).public_reviewed
