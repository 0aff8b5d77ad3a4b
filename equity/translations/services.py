"""Writes of content translations: one save for all the pieces of a record in one language, permission-checked,
audited (history), each piece under the portal's optimistic lock (equity.concurrency)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from equity.audit import audited_delete, audited_save
from equity.concurrency import StaleEdit, lock_for_edit
from equity.contributions import TextPart, TranslatableRecord
from equity.i18n.languages import translated_language_codes
from equity.models import User
from equity.translations.models import ContentTranslation, source_hash
from equity.translations.registry import can_translate
from equity.translations.signals import content_translations_changed

MAX_TEXT_CHARS = 20000


@dataclass(frozen=True)
class PieceInput:
    """What the side-by-side form posts for one piece: the translation, its state, the version of the translation
    and the English (by its hash) the page was opened with."""

    part: TextPart
    text: str
    state: str
    version: int | None
    english_hash: str | None = None


def language_validate(language: str) -> str:
    """A language content is translated into: one of settings.LANGUAGES, not English (no migration per language)."""
    if language not in translated_language_codes():
        raise ValidationError(_("Content is not translated into “%(code)s”.") % {"code": language}, code="language")
    return language


def _clean(record_type: TranslatableRecord, piece: PieceInput) -> str:
    text = (piece.text or "").replace("\r\n", "\n").strip()
    limit = min(piece.part.max_length or MAX_TEXT_CHARS, MAX_TEXT_CHARS)
    if len(text) > limit:
        raise ValidationError(_("The translation is longer than %(n)d characters.") % {"n": limit}, code="max_length")
    if piece.state not in ContentTranslation.State.values:
        raise ValidationError(_("Choose a review state."), code="state")
    if piece.part.html and text and record_type.clean_html is not None:
        text = record_type.clean_html(text)
    return text


def content_translations_save(
    *, user: User, record_type: TranslatableRecord, record, language: str, pieces: list[PieceInput]
) -> int:
    """Save the translations of `record`'s pieces into `language` (an emptied one is removed) and return how many
    changed. Refused (403) unless `user` may translate the record; a piece whose translation someone saved since the
    page was opened raises StaleEdit and nothing is saved; errors name the piece (`text_<n>`)."""
    if not can_translate(user, record_type, record):
        raise PermissionDenied
    language_validate(language)
    errors: dict[str, list[ValidationError]] = {}
    cleaned: list[tuple[int, PieceInput, str]] = []
    for index, piece in enumerate(pieces):
        if piece.part.record_pk != record.pk:
            raise PermissionDenied
        try:
            text = _clean(record_type, piece)
        except ValidationError as exc:
            errors.setdefault(f"state_{index}" if exc.code == "state" else f"text_{index}", []).append(exc)
            continue
        if text and piece.english_hash is not None and piece.english_hash != source_hash(piece.part.english):
            message = _("The English changed since you opened this page: check the new English and save again.")
            errors.setdefault(f"text_{index}", []).append(ValidationError(message, code="english_changed"))
            continue
        cleaned.append((index, piece, text))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        changed = sum(_save_piece(user=user, language=language, piece=piece, text=text) for _i, piece, text in cleaned)
    if changed:
        transaction.on_commit(
            lambda: content_translations_changed.send(
                sender=ContentTranslation, record_type=record_type.key, record_pk=record.pk, language=language
            )
        )
    return changed


def _save_piece(*, user: User, language: str, piece: PieceInput, text: str) -> bool:
    part = piece.part
    keys = {
        "content_type": ContentType.objects.get_for_model(part.obj),
        "object_id": part.obj.pk,
        "field": part.field,
        "language": language,
    }
    what = _("the translation of “%(field)s”") % {"field": part.label}
    existing = ContentTranslation.objects.select_for_update().filter(**keys).first()
    if existing is None:
        if piece.version is not None:
            raise StaleEdit(what=what)  # removed by someone since the page was opened
        if not text:
            return False
        translation = ContentTranslation(**keys, updated_by=user)
    else:
        if piece.version is None:
            raise StaleEdit(what=what, who=existing.updated_by)  # someone created it since the page was opened
        translation = lock_for_edit(obj=existing, revision=piece.version, locked=True, what=what)
        if not text:
            audited_delete(translation, author=user)
            return True
        english = part.english
        if (translation.text, translation.state, translation.source_text) == (text, piece.state, english):
            return False
        translation.version += 1
        translation.updated_by = user
    translation.text = text
    translation.state = piece.state
    translation.source_text = part.english
    translation.source_hash = source_hash(part.english)
    audited_save(translation, author=user)
    return True
