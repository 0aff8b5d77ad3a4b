"""Hostile text in the library's search box, filters and compare parameters never gives a 500 or changes data."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from library.models import Practice
from tests.db_state import nothing_saved
from tests.fuzz import assert_never_fails, hostile_text
from tests.library.factories import PracticeFactory, published_narrative

pytestmark = pytest.mark.django_db


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=hostile_text(), kind=hostile_text(), area=hostile_text(), department=hostile_text(), page=hostile_text())
def test_practice_list_survives_hostile_filters(client, personas, q, kind, area, department, page):
    if not Practice.objects.exists():
        PracticeFactory(title="Interpretation at meetings")
    client.force_login(personas.staff)
    params = {"q": q, "kind": kind, "area": area, "department": department, "page": page}
    with nothing_saved():
        assert client.get(reverse("library:practice_list"), params).status_code == 200  # bad filters are ignored
        assert_never_fails(
            client.get(
                reverse("library:exchange_export"), {**params, "practice": [q, "1", "²", "99999999999999999999999"]}
            )
        )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(old=hostile_text(), new=st.one_of(hostile_text(), st.integers().map(str)))
def test_narrative_compare_survives_hostile_parameters(client, personas, old, new):
    from library.models import Narrative

    narrative = Narrative.objects.first() or published_narrative(user=personas.equity)
    client.force_login(personas.staff)
    with nothing_saved():
        response = client.get(reverse("library:narrative_compare", args=[narrative.pk]), {"old": old, "new": new})
    assert_never_fails(response)
