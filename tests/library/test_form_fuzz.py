"""Hostile text in every field of the library's forms is refused with the form shown again and nothing saved,
when one field can never be valid; no form gives a 500."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings

from tests.fuzz import assert_form_refuses_hostile_text, assert_never_fails, hostile_text, row_counts
from tests.library.factories import PracticeFactory, published_narrative
from tests.plans.factories import ActionFactory, PlanFactory
from tests.tools.factories import AssessmentFactory

pytestmark = pytest.mark.django_db

LIBRARY_MODELS = [
    "library.Practice", "library.HistoricalPractice", "library.Narrative", "library.NarrativeVersion",
    "library.NarrativeSection", "library.PracticeAdoption", "library.PracticeStrategy",
]  # fmt: skip

PRACTICE_FIELDS = ["title", "summary", "equity_areas", "departments", "jurisdiction", "jurisdiction_name",
                   "source_url", "evidence", "status", "tags", "version"]  # fmt: skip

# (url name, who posts, target, fields given hostile text, the field and value that can never be valid)
FORMS = [
    ("practice_create", "equity", None, PRACTICE_FIELDS, ("kind", "no-such-kind")),
    ("practice_update", "equity", "practice", PRACTICE_FIELDS, ("kind", "no-such-kind")),
    ("practice_review", "equity", "suggestion", ["note"], ("decision", "no-such-decision")),
    ("adoption_create", "manager", "practice", ["note"], ("action", "not-an-id")),
    ("strategy_create", "staff", "practice", ["note"], ("assessment", "not-an-id")),
    ("narrative_create", "equity", None, ["title"], ("department", "not-an-id")),
    ("narrative_edit", "equity", "narrative", ["title", "sections-0-heading", "sections-0-body",
                                               "sections-TOTAL_FORMS", "sections-INITIAL_FORMS"], ("revision", "-5")),
]  # fmt: skip


def _target(kind, personas):
    from library.models import Practice

    if kind is None:
        return []
    if kind == "practice":
        return [PracticeFactory(title="Plain-language notices").pk]
    if kind == "suggestion":
        return [PracticeFactory(title="Suggested practice", review_state=Practice.Review.SUGGESTED).pk]
    return [published_narrative(user=personas.equity).pk]


@pytest.mark.parametrize(("name", "persona", "target", "fields", "invalid"), FORMS, ids=[f[0] for f in FORMS])
def test_every_form_field_refuses_hostile_text_without_saving(client, personas, name, persona, target, fields, invalid):
    # Something to link to: an action the manager may edit, an assessment the staff member leads.
    ActionFactory(plan=PlanFactory(departments=[personas.dept]), lead_department=personas.dept)
    AssessmentFactory(department=personas.dept, lead=personas.staff)
    client.force_login(getattr(personas, persona))
    url = reverse(f"library:{name}", args=_target(target, personas))
    assert client.get(url).status_code == 200

    assert_form_refuses_hostile_text(client, url, fields=fields, invalid=invalid, models=LIBRARY_MODELS)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(jurisdiction=hostile_text(), status=hostile_text(), page=hostile_text())
def test_practice_list_other_filters_take_any_text(client, personas, jurisdiction, status, page):
    client.force_login(personas.equity)
    before = row_counts(["library.Practice"])
    params = {"jurisdiction": jurisdiction, "status": status, "page": page}
    response = client.get(reverse("library:practice_list"), params)
    assert response.status_code == 200
    assert_never_fails(client.get(reverse("library:practice_suggestions"), {"page": page}))
    assert row_counts(["library.Practice"]) == before
