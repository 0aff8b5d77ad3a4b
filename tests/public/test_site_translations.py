"""Public pages in the visitor's language: each piece of published English is shown in its translation made from
exactly that English, otherwise in English marked `lang="en"` with a note; unreviewed translation gets its own note;
labels stored in English (statuses, focus areas) are relabelled by code; at most one more query, whatever the size."""

from __future__ import annotations

import pytest
from django.test import Client, TestCase
from django.utils import translation

from equity.translations.registry import record_parts, record_type_for_key
from equity.translations.services import PieceInput, content_translations_save
from library.models import NarrativeVersion
from plans.models import Action, ActionStatus
from public.cache import generation, site_changed
from tests.public.site_helpers import citywide, publish_demo, republish
from tests.public.test_site_queries import _large_plan
from tests.queries import count_queries

# Every test here reads the demo city: seeded once for the module (tests/public/conftest.py).
pytestmark = pytest.mark.usefixtures("demo_city")

PARTLY = "Parts of this page are not yet translated and are shown in English."
MACHINE = "Machine-assisted translation: not yet reviewed by a translator."


@pytest.fixture(autouse=True)
def _fresh_cache():
    site_changed()


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def _get(url: str, language: str) -> str:
    response = Client().get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def _translate_all(user, key: str, record, language: str, texts: dict[str, str] | None = None, state="reviewed"):
    """Translate every piece of `record` (its English prefixed by the language code, or `texts` by English)."""
    record_type = record_type_for_key(key)
    pieces = [
        PieceInput(
            part=part, text=(texts or {}).get(part.english, f"[{language}] {part.english}"), state=state, version=None
        )
        for part in record_parts(record_type, [record])
        if part.english.strip()
    ]
    with TestCase.captureOnCommitCallbacks(execute=True):
        content_translations_save(user=user, record_type=record_type, record=record, language=language, pieces=pieces)


def test_the_demo_narrative_in_spanish_is_a_machine_assisted_draft(demo):
    pubs = publish_demo(demo)
    html = _get(f"/public/narrative/{pubs['narrative'].slug}/", "es")
    assert "<h1>Avanzar juntos como ciudad</h1>" in html and "cerrar esas brechas" in html
    assert _in("es", MACHINE) in html and _in("es", PARTLY) in html and '<div lang="en">' in html


def test_the_narrative_in_somali_once_translated(demo):
    pubs = publish_demo(demo)
    version = NarrativeVersion.objects.get(status="published")
    url = f"/public/narrative/{pubs['narrative'].slug}/"
    assert '<h1 lang="en">' in _get(url, "so")
    _translate_all(demo, "library.narrativeversion", version, "so")
    html = _get(url, "so")
    assert f"<h1>[so] {version.title}</h1>" in html and 'lang="en"' not in html.split("<main", 1)[-1]
    assert _in("so", PARTLY) not in html
    assert _in("so", MACHINE) in html  # the interface strings are not all reviewed yet


@pytest.mark.parametrize("language", ["so", "hmn"])
def test_an_untranslated_page_falls_back_to_english_with_a_note(demo, language):
    pubs = publish_demo(demo)
    html = _get(f"/public/practices/{pubs['practice'].slug}/", language)
    assert '<h1 lang="en">' in html and _in(language, PARTLY) in html
    assert f'<html lang="{language}"' in html


def test_a_partly_translated_plan_marks_each_english_piece(demo):
    pubs = publish_demo(demo)
    plan = citywide()
    _translate_all(demo, "plans.plan", plan, "hmn", state="machine")
    html = _get(f"/public/plans/{pubs['plan'].slug}/", "hmn")
    assert f"<h1>[hmn] {plan.title}</h1>" in html
    assert '<span lang="en">' in html and _in("hmn", PARTLY) in html and _in("hmn", MACHINE) in html


def test_a_translation_of_older_english_is_not_shown_for_the_newer_english(demo):
    pubs = publish_demo(demo)
    plan = citywide()
    _translate_all(demo, "plans.plan", plan, "es")
    url = f"/public/plans/{pubs['plan'].slug}/"
    assert f"[es] {plan.title}" in _get(url, "es")
    plan.title = "Citywide plan, renamed"
    plan.save()
    republish(demo, pubs["plan"])
    html = _get(url, "es")
    assert "[es]" not in html.split("<h1", 1)[1].split("</h1>")[0] and '<h1 lang="en">Citywide plan, renamed' in html
    assert f"[es] {plan.title}" not in html


def test_real_content_round_trips(demo):
    pubs = publish_demo(demo)
    action = Action.objects.filter(plan=citywide()).order_by("pk").first()
    assert action is not None
    spanish = "Reducir en un 20 % (2012–2016) la brecha para residentes afroamericanos (African American); Not stated"
    record_type = record_type_for_key("plans.action")
    part = record_parts(record_type, [action])[0]
    with TestCase.captureOnCommitCallbacks(execute=True):
        content_translations_save(
            user=demo,
            record_type=record_type,
            record=action,
            language="es",
            pieces=[PieceInput(part=part, text=spanish, state="reviewed", version=None)],
        )
    html = _get(f"/public/plans/{pubs['plan'].slug}/?department={action.lead_department.name}", "es")
    assert (
        "Reducir en un 20 % (2012–2016) la brecha para residentes afroamericanos (African American); Not stated" in html
    )


def test_status_labels_are_shown_in_the_visitors_language(demo):
    pubs = publish_demo(demo)
    html = _get(f"/public/plans/{pubs['plan'].slug}/", "es")
    with translation.override("es"):
        labels = {str(status.label) for status in ActionStatus}
    assert any(f">{label}</span>" in html for label in labels)
    english = _get(f"/public/plans/{pubs['plan'].slug}/", "en")
    assert 'lang="en"' not in english.split("<main", 1)[-1] and PARTLY not in english


def test_saving_a_translation_makes_the_public_cache_stale(demo):
    before = generation()
    _translate_all(demo, "plans.plan", citywide(), "so")
    assert generation() != before


def test_a_translated_page_costs_one_query_more_whatever_the_plan_size(demo, client):
    pubs = publish_demo(demo)
    _translate_all(demo, "plans.plan", citywide(), "es")
    url = f"/public/plans/{pubs['plan'].slug}/"
    english = count_queries(client, url)
    site_changed()
    spanish = count_queries(Client(HTTP_ACCEPT_LANGUAGE="es"), url)
    assert spanish == english + 1
    large = _large_plan(demo, pubs["plan"].current.payload, actions=2000)
    assert count_queries(Client(HTTP_ACCEPT_LANGUAGE="es"), f"/public/plans/{large.slug}/") == spanish
    for path in (f"/public/narrative/{pubs['narrative'].slug}/", f"/public/practices/{pubs['practice'].slug}/"):
        site_changed()
        english = count_queries(Client(), path)
        site_changed()
        assert count_queries(Client(HTTP_ACCEPT_LANGUAGE="hmn"), path) == english + 1


def test_the_home_page_shows_translated_titles_and_costs_one_query_more(demo):
    publish_demo(demo)
    english = count_queries(Client(), "/public/")
    site_changed()
    assert count_queries(Client(HTTP_ACCEPT_LANGUAGE="es"), "/public/") == english + 1
    html = _get("/public/", "es")
    assert '<h2 id="narrative-heading">Avanzar juntos como ciudad</h2>' in html
    assert '<a href="/public/plans/' in html and 'lang="en">' in html and _in("es", MACHINE) in html
