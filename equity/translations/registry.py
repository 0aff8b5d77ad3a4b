"""Which records have translatable text: declared by the apps (`translations.py`, TRANSLATABLE), never listed here."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.http import Http404

from equity.audit import field_label
from equity.contributions import TRANSLATABLE, TextPart, TranslatableRecord
from equity.i18n.languages import translated_language_codes
from equity.permissions import is_equity_team


def translatable_records() -> dict[str, TranslatableRecord]:
    """Every declared record type by its key ("plans.action", ...), in the apps' order."""
    records: dict[str, TranslatableRecord] = {}
    for provider in TRANSLATABLE.entries():
        for record in provider():
            records[record.key] = record
    return records


def record_type_for_key(key: str) -> TranslatableRecord:
    """The record type a URL names; an unknown or tampered name is a 404."""
    try:
        return translatable_records()[key]
    except KeyError:
        raise Http404 from None


def record_type_for_model(model: type[models.Model]) -> TranslatableRecord | None:
    """The declared record type of a model, if its text is translatable."""
    return translatable_records().get(model._meta.label_lower)


def language_for_code(code: str) -> tuple[str, str]:
    """(code, name) of a language content is translated into; anything else (English too) is a 404."""
    names = dict(settings.LANGUAGES)
    if code not in translated_language_codes():
        raise Http404
    return code, str(names[code])


def can_translate(user, record_type: TranslatableRecord, record) -> bool:
    """The equity team, and whoever the record's app says may edit it."""
    return is_equity_team(user) or bool(record_type.can_edit(user, record))


def record_parts(record_type: TranslatableRecord, records: list) -> list[TextPart]:
    """The translatable pieces of `records`, in order: the app's own list, or each record's declared fields."""
    if record_type.parts is not None:
        return record_type.parts(records)
    model: type[models.Model] = record_type.model
    return [
        TextPart(
            record_pk=record.pk,
            obj=record,
            field=name,
            label=field_label(model, name),
            max_length=getattr(model._meta.get_field(name), "max_length", None),
        )
        for record in records
        for name in record_type.fields
    ]
