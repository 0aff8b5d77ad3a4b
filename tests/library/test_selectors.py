"""Which practices, suggestions, narratives and linkable actions each signed-in persona sees: the library selectors
as a table. (Personas: Sam staff and Mia manager of CD; Eli of the equity team; Olu staff and Omar manager of PW.)"""

import pytest

from library.models import Practice
from library.selectors import (
    linkable_action_list_for_user,
    narrative_list_for_user,
    practice_list_for_user,
    practice_suggestions_for_user,
)
from tests.factories import UserFactory
from tests.library.factories import PracticeFactory, draft_narrative, published_narrative
from tests.plans.factories import ActionFactory, PlanFactory

pytestmark = pytest.mark.django_db

# Published practices for everyone; a suggestion for its suggester and the equity team.
PRACTICES = {
    "staff": {"Published", "Sam's suggestion"},
    "manager": {"Published"},
    "facilitator": {"Published"},
    "equity": {"Published", "Sam's suggestion", "Olu's suggestion"},
    "other_staff": {"Published", "Olu's suggestion"},
    "other_manager": {"Published"},
}
SUGGESTIONS = {persona: titles - {"Published"} for persona, titles in PRACTICES.items()}
# Narratives (by department) with a published version for everyone; draft-only ones for the equity team.
NARRATIVES = {persona: {"city-wide"} for persona in PRACTICES} | {"equity": {"city-wide", "CD"}}
# A practice may be linked to the actions one may edit: the lead department's managers and the equity team.
LINKABLE_ACTIONS: dict[str, set[str]] = {persona: set() for persona in PRACTICES} | {
    "manager": {"CD action"},
    "equity": {"CD action", "PW action"},
    "other_manager": {"PW action"},
}


@pytest.fixture
def practices(personas):
    PracticeFactory(title="Published", suggested_by=UserFactory(username="librarian"))
    suggested = {"review_state": Practice.Review.SUGGESTED, "status": "proposed"}
    PracticeFactory(title="Sam's suggestion", suggested_by=personas.staff, **suggested)
    PracticeFactory(title="Olu's suggestion", suggested_by=personas.other_staff, **suggested)


@pytest.mark.parametrize(("persona", "expected"), PRACTICES.items())
def test_practices_each_persona_reads(personas, practices, persona, expected):
    assert {p.title for p in practice_list_for_user(user=personas.get(persona))} == expected


@pytest.mark.parametrize(("persona", "expected"), SUGGESTIONS.items())
def test_suggestions_each_persona_sees(personas, practices, persona, expected):
    assert {p.title for p in practice_suggestions_for_user(user=personas.get(persona))} == expected


@pytest.mark.parametrize(("persona", "expected"), NARRATIVES.items())
def test_narratives_each_persona_reads(personas, persona, expected):
    published_narrative(user=personas.equity)  # the city-wide one
    draft_narrative(user=personas.equity, department=personas.dept)
    narratives = narrative_list_for_user(user=personas.get(persona))
    assert {n.department.code if n.department else "city-wide" for n in narratives} == expected


@pytest.mark.parametrize(("persona", "expected"), LINKABLE_ACTIONS.items())
def test_actions_each_persona_may_link_a_practice_to(personas, persona, expected):
    for title, department in [("CD action", personas.dept), ("PW action", personas.other_dept)]:
        ActionFactory(title=title, plan=PlanFactory(departments=[department]), lead_department=department)
    assert {a.title for a in linkable_action_list_for_user(user=personas.get(persona))} == expected
