"""The translation status page: per language what is translated and reviewed, stated as the files say; each
language's strings filtered by review state, public-site use and text; no query beyond the signed-in person's."""

import pytest
from django.urls import reverse

from equity.i18n.catalogs import ReviewState, catalog_status
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def test_the_status_page_states_translated_and_reviewed_per_language(client, personas):
    client.force_login(personas.equity)
    response = client.get(reverse("translation_status"))
    page = response.content.decode()
    for code, name in (("es", "Español"), ("so", "Soomaali"), ("hmn", "Hmoob")):
        status = catalog_status(code)
        assert f'<span lang="{code}">{name}</span>' in page
        assert f"{status.translated} (100.0%)" in page
        assert f"{status.reviewed} ({status.reviewed_share:.1f}%)" in page
    assert "Not all reviewed: pages show a machine-assisted note" in page


def test_a_languages_strings_filter_by_state_public_use_and_text(client, personas):
    client.force_login(personas.equity)
    url = reverse("translation_entries", args=["so"])
    machine = [e for e in catalog_status("so").entries if e.state is ReviewState.MACHINE and e.public]
    response = client.get(url, {"state": "machine", "public": "on", "q": machine[0].msgid[:20]})
    assert response.status_code == 200
    shown = list(response.context["page_obj"])
    assert shown and all(e.state is ReviewState.MACHINE and e.public for e in shown)
    assert machine[0] in shown
    response = client.get(url, {"state": "bogus", "q": "x" * 201})
    assert response.status_code == 200 and set(response.context["filters"].errors) == {"state", "q"}
    assert response.context["page_obj"].paginator.count == catalog_status("so").total  # invalid filters unused


def test_the_status_pages_cost_no_query_beyond_the_signed_in_persons(client, personas):
    client.force_login(personas.equity)
    baseline = count_queries(client, reverse("profile"))
    assert count_queries(client, reverse("translation_status")) <= baseline
    assert count_queries(client, reverse("translation_entries", args=["hmn"]) + "?page=40") <= baseline
