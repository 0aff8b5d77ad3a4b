"""Which worksheets and templates each persona sees: the tools selectors as a table."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.tools.factories import AssessmentFactory
from tools.models import Assessment, Template
from tools.selectors import (
    assessment_filter,
    assessment_list_for_user,
    assessments_to_review_for_user,
    my_open_worksheets_for_user,
    review_queue_for_user,
    template_list_for_user,
)

pytestmark = pytest.mark.django_db

Status = Assessment.Status
CD_ALL = {"CD draft", "CD in review", "CD completed", "CD confidential"}
PW_ALL = {"PW draft with Sam", "PW completed"}
# Drafts and reviews: their lead, team, their department's managers and the equity team; completed worksheets:
# every signed-in person unless confidential. (Sam is CD staff and leads every CD worksheet; Mia manages CD;
# Olu leads the PW ones; Omar manages PW.)
VISIBLE = {
    "anonymous": set(),
    "staff": CD_ALL | PW_ALL,
    "manager": CD_ALL | {"PW completed"},
    "facilitator": {"CD completed", "PW completed"},
    "equity": CD_ALL | PW_ALL,
    "other_staff": {"CD completed"} | PW_ALL,
    "other_manager": {"CD completed"} | PW_ALL,
}
TO_REVIEW: dict[str, set[str]] = {persona: set() for persona in VISIBLE} | {
    "manager": {"CD in review"},
    "equity": {"CD in review"},
}


@pytest.fixture
def worksheets(personas):
    cd = {"department": personas.dept, "lead": personas.staff, "team": [personas.staff]}
    pw = {"department": personas.other_dept, "lead": personas.other_staff}
    AssessmentFactory(title="CD draft", **cd)
    AssessmentFactory(title="CD in review", status=Status.IN_REVIEW, **cd)
    AssessmentFactory(title="CD completed", status=Status.COMPLETED, **cd)
    AssessmentFactory(title="CD confidential", status=Status.COMPLETED, confidential=True, **cd)
    AssessmentFactory(title="PW draft with Sam", team=[personas.other_staff, personas.staff], **pw)
    AssessmentFactory(title="PW completed", status=Status.COMPLETED, **pw)


def _user(personas, persona):
    return personas.get(persona) or AnonymousUser()


@pytest.mark.parametrize(("persona", "expected"), VISIBLE.items())
def test_worksheets_each_persona_sees(personas, worksheets, persona, expected):
    assert {a.title for a in assessment_list_for_user(user=_user(personas, persona))} == expected


@pytest.mark.parametrize(("persona", "expected"), TO_REVIEW.items())
def test_worksheets_each_persona_may_review(personas, worksheets, persona, expected):
    assert {a.title for a in assessments_to_review_for_user(user=_user(personas, persona))} == expected


SIGNED_IN = [persona for persona in VISIBLE if persona != "anonymous"]


@pytest.mark.parametrize("persona", SIGNED_IN)
def test_the_dashboard_worksheets_are_the_visible_list_of_mine_still_open(personas, worksheets, persona):
    """The dashboard's selector leaves out the visibility test: it must give what the list's selector gives."""
    user = personas.get(persona)
    visible_mine = assessment_filter(qs=assessment_list_for_user(user=user), scope="mine", user=user)
    expected = {a.pk for a in visible_mine.exclude(status=Status.COMPLETED)}
    assert {a.pk for a in my_open_worksheets_for_user(user=user)} == expected


@pytest.mark.parametrize(("persona", "expected"), [(p, TO_REVIEW[p]) for p in SIGNED_IN])
def test_the_dashboard_review_queue_is_what_the_persona_may_review(personas, worksheets, persona, expected):
    user = personas.get(persona)
    assert {row["title"] for row in review_queue_for_user(user=user)} == expected
    assert {row["pk"] for row in review_queue_for_user(user=user)} == {
        a.pk for a in assessments_to_review_for_user(user=user)
    }


@pytest.mark.parametrize("persona", VISIBLE)
def test_draft_templates_are_listed_for_the_equity_team_only(personas, persona):
    Template.objects.create(name="Draft tool", slug="draft-tool", version=1, status=Template.Status.DRAFT)
    Template.objects.create(name="Retired tool", slug="retired-tool", version=1, status=Template.Status.RETIRED)
    names = {t.name for t in template_list_for_user(user=_user(personas, persona))}
    expected = {"Draft tool", "Retired tool"} if persona == "equity" else set()
    assert names & {"Draft tool", "Retired tool"} == expected
    published = set(Template.objects.filter(status=Template.Status.PUBLISHED).values_list("name", flat=True))
    assert published and published <= names  # the shipped worksheets, for everyone
