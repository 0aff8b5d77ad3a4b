"""Reads of content translations: a record's pieces in one language, each record's status per language for the list
page, and the public pages' one query for the translations of the English they show."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from equity.contributions import TextPart
from equity.i18n.languages import translated_language_codes
from equity.translations.models import ContentTranslation, source_hash

Key = tuple[int, int, str]
STATE_RANK: dict[str, int] = {
    ContentTranslation.State.MACHINE: 0,
    ContentTranslation.State.DRAFT: 1,
    ContentTranslation.State.REVIEWED: 2,
}
STATUS_LABELS = {
    "none": _("Nothing to translate"),
    "missing": _("Not translated"),
    "changed": _("English changed since"),
    ContentTranslation.State.MACHINE: _("Machine-assisted draft"),
    ContentTranslation.State.DRAFT: _("Draft, not reviewed"),
    ContentTranslation.State.REVIEWED: _("Reviewed"),
}


def part_key(part: TextPart) -> Key:
    """How a piece and its translations meet: (content type id, object id, field)."""
    return ContentType.objects.get_for_model(part.obj).pk, part.obj.pk, part.field


def _for_parts(parts: Iterable[TextPart]) -> QuerySet[ContentTranslation]:
    ids: dict[int, set[int]] = {}
    for part in parts:
        content_type_id, object_id, _field = part_key(part)
        ids.setdefault(content_type_id, set()).add(object_id)
    if not ids:
        return ContentTranslation.objects.none()
    condition = Q()
    for content_type_id, object_ids in ids.items():
        condition |= Q(content_type_id=content_type_id, object_id__in=sorted(object_ids))
    return ContentTranslation.objects.filter(condition)


def translations_for_parts(*, parts: list[TextPart], language: str) -> dict[Key, ContentTranslation]:
    """The translations of `parts` in `language`, by piece (1 query)."""
    rows = _for_parts(parts).filter(language=language).select_related("updated_by")
    return {(row.content_type_id, row.object_id, row.field): row for row in rows}


def is_english_changed(part: TextPart, translation: ContentTranslation) -> bool:
    """The English of the piece is no longer the English the translation was made from."""
    return translation.source_hash != source_hash(part.english)


@dataclass(frozen=True)
class LanguageStatus:
    """How far one record is translated into one language: a status code and its label."""

    language: str
    code: str

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.code])


def record_statuses(*, parts: list[TextPart]) -> dict[int, list[LanguageStatus]]:
    """For each record of `parts`, its status in each language (1 query): not translated when a piece with English has
    no translation, "English changed since" when one translates older English, else its least reviewed state."""
    rows = _for_parts(parts).values_list("content_type_id", "object_id", "field", "language", "state", "source_hash")
    found = {(ct, obj, field, language): (state, digest) for ct, obj, field, language, state, digest in rows}
    by_record: dict[int, list[TextPart]] = {}
    for part in parts:
        by_record.setdefault(part.record_pk, []).append(part)
    statuses: dict[int, list[LanguageStatus]] = {}
    for record_pk, record_parts in by_record.items():
        statuses[record_pk] = [_status(record_parts, found, language) for language in translated_language_codes()]
    return statuses


def _status(parts: list[TextPart], found: dict, language: str) -> LanguageStatus:
    states: list[str] = []
    for part in parts:
        if not part.english.strip():
            continue
        row = found.get((*part_key(part), language))
        if row is None:
            return LanguageStatus(language, "missing")
        if row[1] != source_hash(part.english):
            return LanguageStatus(language, "changed")
        states.append(row[0])
    if not states:
        return LanguageStatus(language, "none")
    return LanguageStatus(language, min(states, key=lambda state: STATE_RANK.get(state, 0)))


@dataclass(frozen=True)
class ShownTranslation:
    """The translation a public page shows for a piece of published English, and its review state."""

    text: str
    state: str

    @property
    def reviewed(self) -> bool:
        return self.state == ContentTranslation.State.REVIEWED


def published_translations(*, language: str, texts: Iterable[str]) -> dict[str, ShownTranslation]:
    """For each English text a public page shows, its translation into `language` made from exactly that English,
    the most reviewed one when several records share it (1 query whatever the number of texts; none for English)."""
    wanted = {source_hash(text): text for text in texts if text and text.strip()}
    if not wanted or language not in translated_language_codes():
        return {}
    rows = ContentTranslation.objects.filter(language=language, source_hash__in=sorted(wanted)).values_list(
        "source_hash", "text", "state"
    )
    shown: dict[str, ShownTranslation] = {}
    for digest, text, state in rows:
        english = wanted[digest]
        current = shown.get(english)
        if current is None or STATE_RANK.get(state, 0) > STATE_RANK.get(current.state, 0):
            shown[english] = ShownTranslation(text, state)
    return shown
