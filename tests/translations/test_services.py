"""Content translations: one service writes them, permission-checked, audited (history), under the optimistic lock;
languages come from settings.LANGUAGES (English excluded) without any migration; the English translated is kept."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from equity.concurrency import StaleEdit
from equity.translations.models import ContentTranslation, source_hash
from equity.translations.registry import record_parts, record_type_for_key
from equity.translations.selectors import published_translations, record_statuses
from equity.translations.services import PieceInput, content_translations_save, language_validate
from tests.translations.world import cd_action, translate

pytestmark = pytest.mark.django_db


def _parts(action):
    return record_parts(record_type_for_key("plans.action"), [action])


def test_translation_save_keeps_text_state_and_english_source(personas):
    action = cd_action(personas)
    assert (
        translate(personas.manager, action, "es", {"title": "Reducir la espera en un 20 %", "timeline": "2012–2016"})
        == 2
    )
    row = ContentTranslation.objects.get(field="title", language="es")
    assert (row.text, row.state, row.version) == ("Reducir la espera en un 20 %", "draft", 1)
    assert row.source_text == action.title and row.source_hash == source_hash(action.title)
    assert row.updated_by == personas.manager
    assert row.history.count() == 1 and row.history.first().history_user == personas.manager


def test_translation_save_is_refused_to_those_who_may_not_edit_the_record(personas):
    action = cd_action(personas)
    for user in (personas.staff, personas.facilitator, personas.other_manager):
        with pytest.raises(PermissionDenied):
            translate(user, action, "es", {"title": "Título"})
    assert translate(personas.equity, action, "so", {"title": "Cinwaan"}) == 1
    assert not ContentTranslation.objects.filter(language="es").exists()


@pytest.mark.parametrize("code", ["en", "fr", "", "es-xx"])
def test_translation_languages_are_the_portals_minus_english(code):
    with pytest.raises(ValidationError):
        language_validate(code)


def test_a_language_added_to_the_settings_needs_no_migration(personas, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("vi", "Vietnamese")]
    assert language_validate("vi") == "vi"
    assert translate(personas.equity, cd_action(personas), "vi", {"title": "Tiêu đề"}) == 1


def test_a_stale_edit_is_refused_with_a_clear_message(personas):
    action = cd_action(personas)
    translate(personas.manager, action, "hmn", {"title": "Lub npe"})
    part = _parts(action)[0]
    record_type = record_type_for_key("plans.action")
    translate(personas.equity, action, "hmn", {"title": "Lub npe tshiab"})
    with pytest.raises(StaleEdit) as refused:
        content_translations_save(
            user=personas.manager,
            record_type=record_type,
            record=action,
            language="hmn",
            pieces=[PieceInput(part=part, text="Kuv li", state="draft", version=1)],
        )
    assert "Your changes were not saved" in refused.value.messages[0]
    assert ContentTranslation.objects.get(language="hmn").text == "Lub npe tshiab"


def test_a_translation_created_meanwhile_is_not_overwritten(personas):
    action = cd_action(personas)
    translate(personas.equity, action, "es", {"title": "Primero"})
    with pytest.raises(StaleEdit):
        content_translations_save(
            user=personas.manager,
            record_type=record_type_for_key("plans.action"),
            record=action,
            language="es",
            pieces=[PieceInput(part=_parts(action)[0], text="Segundo", state="draft", version=None)],
        )


def test_english_changed_since_the_page_opened_is_refused_on_that_field(personas):
    action = cd_action(personas)
    opened = source_hash(action.title)
    action.title = "A new English title"
    action.save()
    with pytest.raises(ValidationError) as refused:
        content_translations_save(
            user=personas.equity,
            record_type=record_type_for_key("plans.action"),
            record=action,
            language="es",
            pieces=[PieceInput(part=_parts(action)[0], text="Viejo", state="draft", version=None, english_hash=opened)],
        )
    assert "text_0" in refused.value.error_dict


def test_too_long_and_bad_state_are_field_errors(personas):
    action = cd_action(personas)
    title, description = _parts(action)[:2]
    with pytest.raises(ValidationError) as refused:
        content_translations_save(
            user=personas.equity,
            record_type=record_type_for_key("plans.action"),
            record=action,
            language="es",
            pieces=[
                PieceInput(part=title, text="x" * 251, state="draft", version=None),
                PieceInput(part=description, text="ok", state="approved", version=None),
            ],
        )
    assert set(refused.value.error_dict) == {"text_0", "state_1"}
    assert not ContentTranslation.objects.exists()


def test_emptying_a_translation_removes_it_with_history(personas):
    action = cd_action(personas)
    translate(personas.equity, action, "es", {"title": "Título"})
    translate(personas.equity, action, "es", {"title": ""})
    assert not ContentTranslation.objects.exists()
    assert ContentTranslation.history.filter(history_type="-").count() == 1


def test_saving_unchanged_text_keeps_the_version(personas):
    action = cd_action(personas)
    translate(personas.equity, action, "es", {"title": "Título"})
    assert translate(personas.equity, action, "es", {"title": "Título"}) == 0
    assert ContentTranslation.objects.get().version == 1


def test_record_status_says_missing_changed_and_least_reviewed_state(personas):
    action = cd_action(personas, description="", measure_of_success="", timeline="")
    translate(personas.equity, action, "es", {"title": "Título"}, state="reviewed")
    translate(personas.equity, action, "so", {"title": "Cinwaan"}, state="machine")
    statuses = {s.language: s.code for s in record_statuses(parts=_parts(action))[action.pk]}
    assert statuses == {"es": "reviewed", "so": "machine", "hmn": "missing"}
    action.title = "Changed English"
    action.save()
    statuses = {s.language: s.label for s in record_statuses(parts=_parts(action))[action.pk]}
    assert statuses["es"] == "English changed since"


def test_published_translations_match_the_exact_english_and_prefer_reviewed(personas):
    first, second = cd_action(personas), cd_action(personas, title="Not stated")
    translate(personas.equity, first, "es", {"description": "Línea de base 2012–2016."}, state="machine")
    translate(personas.equity, second, "es", {"description": "Línea de base 2012–2016, revisada."}, state="reviewed")
    shown = published_translations(language="es", texts=["Baseline 2012–2016.", "Baseline 2012-2016.", ""])
    assert list(shown) == ["Baseline 2012–2016."]
    assert shown["Baseline 2012–2016."].text == "Línea de base 2012–2016, revisada."
    assert published_translations(language="en", texts=["Baseline 2012–2016."]) == {}
