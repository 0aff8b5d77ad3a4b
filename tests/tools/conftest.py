"""Fixtures for the tools app: one assessment of the personas' department in each status."""

import pytest

from tests.tools.factories import AssessmentFactory, full_template
from tools.models import Answer, Assessment


def answer_all_required(assessment: Assessment, user) -> None:
    """Store a valid answer to every required question (bypassing the editor, for lifecycle tests)."""
    for question in assessment.template.steps.all().prefetch_related("questions"):
        for q in question.questions.filter(required=True):
            value = {
                "long_text": "An answer.",
                "short_text": "Short",
                "number": "10",
                "date": "2026-01-01",
                "single_choice": (q.choices or [""])[0],
                "multiple_choice": q.choices[:1],
                "yes_no": {"answer": "yes", "follow_up": ""},
                "table": [
                    {c["key"]: ("1" if c["type"] == "number" else (c.get("choices") or ["x"])[0]) for c in q.columns}
                ],
            }[q.type]
            Answer.objects.update_or_create(
                assessment=assessment, question=q, defaults={"value": value, "version": 1, "updated_by": user}
            )


@pytest.fixture
def draft(personas):
    """A draft of the personas' department, led by staff."""
    return AssessmentFactory(
        department=personas.dept, lead=personas.staff, team=[personas.staff], title="Sidewalk snow removal policy"
    )


@pytest.fixture
def full_draft(personas):
    return AssessmentFactory(
        department=personas.dept,
        lead=personas.staff,
        team=[personas.staff],
        template=full_template(),
        title="Affordable housing trust fund",
    )


@pytest.fixture
def in_review(personas):
    a = AssessmentFactory(
        department=personas.dept,
        lead=personas.staff,
        team=[personas.staff],
        status=Assessment.Status.IN_REVIEW,
        title="Youth jobs program",
    )
    answer_all_required(a, personas.staff)
    return a


@pytest.fixture
def completed(personas):
    a = AssessmentFactory(
        department=personas.dept,
        lead=personas.staff,
        team=[personas.staff],
        status=Assessment.Status.COMPLETED,
        title="Library fines policy",
    )
    answer_all_required(a, personas.staff)
    return a
