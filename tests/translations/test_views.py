"""The side-by-side translation page and the list of records with their status per language."""

from __future__ import annotations

import pytest
from django.urls import reverse

from equity.translations.models import ContentTranslation
from tests.queries import assert_constant_queries
from tests.translations.world import cd_action, translate

pytestmark = pytest.mark.django_db


def _url(action, language="es"):
    return reverse("translation_edit", kwargs={"owner": "plans.action", "pk": action.pk, "language": language})


def _post(**texts) -> dict:
    data = {f"state_{n}": "draft" for n in range(4)}
    data |= {f"text_{n}": "" for n in range(4)}
    return data | texts


def test_editor_shows_the_english_beside_labelled_textareas_in_the_target_language(client, personas):
    action = cd_action(personas)
    client.force_login(personas.manager)
    html = client.get(_url(action, "so")).content.decode()
    assert '<div lang="en"' in html and "20 %" in html and "2012–2016" in html and "Not stated" in html
    assert 'lang="so"' in html and 'for="id_text_0"' in html and "Title in Somali" in html
    assert "Up to 250 characters." in html
    assert 'name="state_0"' in html and "Machine-assisted draft" in html


def test_editor_saves_and_round_trips_real_content(client, personas):
    action = cd_action(personas)
    client.force_login(personas.equity)
    text = "Reducir en un 20 % la espera de los negocios afroamericanos (African American), 2012–2016"
    response = client.post(_url(action), _post(text_0=text, text_3="2012–2016", state_0="reviewed"))
    assert response.status_code == 302
    assert ContentTranslation.objects.get(field="title").text == text
    html = client.get(_url(action)).content.decode()
    assert text in html and "History" in html


def test_editor_shows_an_error_summary_and_field_errors(client, personas):
    action = cd_action(personas)
    client.force_login(personas.equity)
    response = client.post(_url(action), _post(text_0="x" * 300))
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html and 'href="#id_text_0"' in html and "invalid-feedback" in html
    assert not ContentTranslation.objects.exists()


def test_editor_refuses_a_stale_version(client, personas):
    action = cd_action(personas)
    translate(personas.manager, action, "es", {"title": "Primero"})
    client.force_login(personas.equity)
    data = _post(text_0="Segundo", version_0="1")
    translate(personas.manager, action, "es", {"title": "Primero, corregido"})
    response = client.post(_url(action), data)
    assert response.status_code == 409
    assert "Your changes were not saved" in response.content.decode()
    assert ContentTranslation.objects.get().text == "Primero, corregido"


def test_editor_flags_a_translation_whose_english_changed_since(client, personas):
    action = cd_action(personas)
    translate(personas.equity, action, "es", {"title": "Título"})
    action.title = "A newer English title"
    action.save()
    client.force_login(personas.equity)
    assert "English changed since" in client.get(_url(action)).content.decode()


def test_record_pages_link_to_their_translations(client, personas):
    action = cd_action(personas)
    client.force_login(personas.manager)
    html = client.get(reverse("plans:action_detail", args=[action.pk])).content.decode()
    assert _url(action) in html


def test_history_view_lists_the_translations_changes(client, personas):
    action = cd_action(personas)
    translate(personas.equity, action, "es", {"title": "Primero"})
    translate(personas.manager, action, "es", {"title": "Segundo"})
    row = ContentTranslation.objects.get()
    client.force_login(personas.equity)
    url = reverse("translation_history", kwargs={"owner": "plans.action", "record_pk": action.pk, "pk": row.pk})
    html = client.get(url).content.decode()
    assert "Primero" in html and "Segundo" in html and "Mia Manager" in html


def test_history_of_another_records_translation_is_a_404(client, personas):
    first, second = cd_action(personas), cd_action(personas)
    translate(personas.equity, first, "es", {"title": "Primero"})
    client.force_login(personas.equity)
    row = ContentTranslation.objects.get()
    url = reverse("translation_history", kwargs={"owner": "plans.action", "record_pk": second.pk, "pk": row.pk})
    assert client.get(url).status_code == 404


def test_list_shows_each_records_status_per_language(client, personas):
    action = cd_action(personas)
    translate(
        personas.equity, action, "es", {f: "x" for f in ("title", "description", "measure_of_success", "timeline")}
    )
    client.force_login(personas.equity)
    html = client.get(reverse("translation_list"), {"type": "plans.action"}).content.decode()
    assert "Draft, not reviewed" in html and "Not translated" in html and _url(action, "hmn") in html


def _grow(p, key: str, n: int) -> None:
    """`n` more records of `key`, some with translations (their statuses come from one query)."""
    from tests.library.factories import PracticeFactory, grow_versions, published_narrative
    from tests.plans.factories import PlanFactory

    if key == "library.narrativeversion":
        from library.models import Narrative

        narrative = Narrative.objects.first() or published_narrative(user=p.equity)
        grow_versions(narrative=narrative, user=p.equity, count=n)
        return
    for _i in range(n):
        if key == "plans.action":
            translate(p.equity, cd_action(p), "es", {"title": "Título"})
        elif key == "plans.plan":
            plan = PlanFactory(departments=[p.dept])
            translate(p.equity, plan, "so", {"title": "Qorshe"}, key=key)
        else:
            PracticeFactory()


@pytest.mark.parametrize("key", ["plans.action", "plans.plan", "library.narrativeversion", "library.practice"])
def test_list_costs_the_same_queries_at_two_sizes(client, personas, key):
    _grow(personas, key, 2)
    client.force_login(personas.equity)
    url = reverse("translation_list") + f"?type={key}"
    client.get(url)  # content types are cached once per process
    assert_constant_queries(client, url, lambda: _grow(personas, key, 25), budget=12)
