"""Answers with stale-save refusal, the review lifecycle and who may do each step, template versions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.tools.conftest import answer_all_required
from tests.tools.factories import full_template
from tools.models import Answer, Assessment, Question, Template, Transition
from tools.services.answers import AnswerConflict, answer_save
from tools.services.assessments import assessment_create, step_comment_add
from tools.services.lifecycle import (
    assessment_approve,
    assessment_reopen,
    assessment_return,
    assessment_submit,
    missing_answers,
)
from tools.services.templates import (
    question_delete,
    question_move,
    question_save,
    step_save,
    template_copy,
    template_set_status,
)

pytestmark = pytest.mark.django_db


def first_question(assessment):
    return Question.objects.filter(step__template=assessment.template).order_by("step__number", "order").first()


def test_answer_save_bumps_version_and_records_history(draft, personas):
    question = first_question(draft)
    result = answer_save(assessment=draft, question=question, raw="First", version=0, author=personas.staff)
    assert result.changed and result.answer.version == 1
    result = answer_save(assessment=draft, question=question, raw="Second", version=1, author=personas.staff)
    assert result.answer.version == 2
    assert result.answer.history.count() == 3  # created empty, then two saves
    assert result.answer.history.first().history_user == personas.staff


def test_answer_save_refuses_stale_version_and_keeps_both(draft, personas):
    question = first_question(draft)
    answer_save(assessment=draft, question=question, raw="Mia's text", version=0, author=personas.manager)
    with pytest.raises(AnswerConflict) as info:
        answer_save(assessment=draft, question=question, raw="Sam's text", version=0, author=personas.staff)
    assert info.value.current.value == "Mia's text"
    assert info.value.attempted == "Sam's text"
    assert Answer.objects.get(assessment=draft, question=question).value == "Mia's text"


def test_answer_save_same_value_with_old_version_is_not_a_conflict(draft, personas):
    question = first_question(draft)
    answer_save(assessment=draft, question=question, raw="Same", version=0, author=personas.manager)
    result = answer_save(assessment=draft, question=question, raw="Same", version=0, author=personas.staff)
    assert not result.changed and result.answer.version == 1


def test_answer_save_refused_for_non_team_and_when_not_draft(draft, completed, personas):
    question = first_question(draft)
    for user in (personas.facilitator, personas.other_staff, personas.other_manager):
        with pytest.raises(PermissionDenied):
            answer_save(assessment=draft, question=question, raw="x", version=0, author=user)
    with pytest.raises(PermissionDenied):
        answer_save(assessment=completed, question=first_question(completed), raw="x", version=1, author=personas.staff)


def test_answer_save_refuses_question_of_another_template(draft, personas):
    other = Question.objects.filter(step__template=full_template()).first()
    with pytest.raises(Exception, match="another template"):
        answer_save(assessment=draft, question=other, raw="x", version=0, author=personas.staff)
    assert not Answer.objects.exists()


def test_submit_lists_missing_answers_by_step(full_draft, personas):
    missing = missing_answers(assessment=full_draft)
    assert [step.number for step, _qs in missing] == [1, 2, 3, 4, 5, 6]
    assert [q.code for q in missing[0][1]] == ["1.1", "1.2", "1.3"]
    with pytest.raises(ValidationError, match="required answers are missing"):
        assessment_submit(assessment=full_draft, author=personas.staff)
    full_draft.refresh_from_db()
    assert full_draft.status == Assessment.Status.DRAFT


def test_lifecycle_submit_return_resubmit_approve_reopen(draft, personas):
    answer_all_required(draft, personas.staff)
    assessment_submit(assessment=draft, author=personas.staff)
    assert draft.status == Assessment.Status.IN_REVIEW
    with pytest.raises(PermissionDenied):
        assessment_approve(assessment=draft, author=personas.staff, sign_off_note="self-approval")
    with pytest.raises(PermissionDenied):
        assessment_approve(assessment=draft, author=personas.other_manager, sign_off_note="not my department")
    with pytest.raises(ValidationError):
        assessment_return(assessment=draft, author=personas.manager, comments="  ")
    assessment_return(assessment=draft, author=personas.manager, comments="Add the 2024 data.")
    assert draft.status == Assessment.Status.DRAFT
    assessment_submit(assessment=draft, author=personas.staff)
    review = assessment_approve(
        assessment=draft,
        author=personas.manager,
        sign_off_note="Good analysis.",
        recommendations="Report back in a year.",
    )
    assert review.decision == "approved"
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.COMPLETED and draft.completed_at
    with pytest.raises(PermissionDenied):
        answer_save(assessment=draft, question=first_question(draft), raw="late", version=1, author=personas.staff)
    with pytest.raises(PermissionDenied):
        assessment_reopen(assessment=draft, author=personas.staff, reason="want to edit")
    assessment_reopen(assessment=draft, author=personas.equity, reason="New census data.")
    assert draft.status == Assessment.Status.DRAFT
    actions = list(Transition.objects.filter(assessment=draft).values_list("action", "user__username"))
    assert actions == [
        ("submitted", "staff"),
        ("returned", "manager"),
        ("submitted", "staff"),
        ("approved", "manager"),
        ("reopened", "equity"),
    ]


def test_equity_team_may_review_any_department(in_review, personas):
    assessment_approve(assessment=in_review, author=personas.equity, sign_off_note="Signed off.")
    assert in_review.status == Assessment.Status.COMPLETED


def test_submit_refused_twice(in_review, personas):
    with pytest.raises(PermissionDenied):
        assessment_submit(assessment=in_review, author=personas.staff)


def test_create_refuses_other_department_and_unpublished_template(personas):
    fields = {"title": "T", "decision_type": "policy", "department": personas.other_dept}
    with pytest.raises(PermissionDenied):
        assessment_create(author=personas.staff, template=full_template(), **fields)
    draft_template = template_copy(template=full_template(), author=personas.equity)
    with pytest.raises(ValidationError):
        assessment_create(author=personas.staff, template=draft_template, **{**fields, "department": personas.dept})
    created = assessment_create(
        author=personas.staff, template=full_template(), **{**fields, "department": personas.dept}
    )
    assert created.lead == personas.staff and list(created.team.all()) == [personas.staff]


def test_step_comment_by_team_and_reviewer_only(draft, personas):
    step = draft.template.steps.first()
    step_comment_add(assessment=draft, step=step, author=personas.manager, body="Who was consulted?")
    with pytest.raises(PermissionDenied):
        step_comment_add(assessment=draft, step=step, author=personas.facilitator, body="x")
    with pytest.raises(ValidationError):
        step_comment_add(assessment=draft, step=step, author=personas.staff, body=" ")


def test_template_copy_makes_next_draft_version_and_leaves_published_alone(personas):
    original = full_template()
    count = Question.objects.filter(step__template=original).count()
    latest = max(Template.objects.filter(slug="gare-full").values_list("version", flat=True))  # 2: shipped since #14
    copy = template_copy(template=original, author=personas.equity)
    assert (copy.slug, copy.version, copy.status, copy.based_on) == ("gare-full", latest + 1, "draft", original)
    assert Question.objects.filter(step__template=copy).count() == count
    step = copy.steps.get(number=2)
    step_save(template=copy, author=personas.equity, step=step, revision=step.revision, title="Data and root causes")
    question = step.questions.order_by("order").first()
    question_save(
        step=step,
        author=personas.equity,
        question=question,
        revision=question.revision,
        code="2.1",
        text="Reworded?",
        type="yes_no",
        required=True,
        follow_up="Which areas?",
    )
    question_move(question=question, author=personas.equity, direction="down")
    question_delete(question=step.questions.order_by("order").last(), author=personas.equity)
    question_save(
        step=step,
        author=personas.equity,
        question=None,
        revision=None,
        code="2.7",
        text="New question",
        type="long_text",
    )
    assert original.steps.get(number=2).title == "Data"
    assert Question.objects.filter(step__template=original).count() == count
    with pytest.raises(PermissionDenied):
        template_copy(template=original, author=personas.manager)
    template_set_status(template=copy, author=personas.equity, status=Template.Status.PUBLISHED)
    with pytest.raises(ValidationError, match="never change"):
        step_save(template=copy, author=personas.equity, step=step, revision=None, title="Again")
    assert template_copy(template=original, author=personas.equity).version == latest + 2


def test_published_template_never_changes(personas):
    original = full_template()
    step = original.steps.first()
    with pytest.raises(ValidationError, match="never change"):
        question_save(
            step=step, author=personas.equity, question=None, revision=None, code="9", text="x", type="long_text"
        )
    with pytest.raises(ValidationError, match="never change"):
        question_delete(question=step.questions.first(), author=personas.equity)


def test_template_edit_refuses_changes_that_break_answers(draft, personas):
    # A draft template that somehow has answers (e.g. created before publishing rules): edits must not break them.
    template = template_copy(template=draft.template, author=personas.equity)
    question = Question.objects.filter(step__template=template).first()
    Answer.objects.create(assessment=draft, question=question, value="Kept", version=1)
    with pytest.raises(ValidationError, match="type cannot change"):
        question_save(
            step=question.step,
            author=personas.equity,
            question=question,
            revision=None,
            code="1",
            text="x",
            type="number",
        )
    with pytest.raises(ValidationError, match="cannot be removed"):
        question_delete(question=question, author=personas.equity)
    question_save(
        step=question.step,
        author=personas.equity,
        question=question,
        revision=1,
        code="1",
        text="Reworded",
        type="long_text",
    )
    question.refresh_from_db()
    assert question.text == "Reworded"


def test_template_table_columns_cannot_be_removed_once_answered(draft, personas):
    template = template_copy(template=full_template(), author=personas.equity)
    question = Question.objects.get(step__template=template, code="2.3")
    Answer.objects.create(assessment=draft, question=question, value=[{"indicator": "x"}], version=1)
    with pytest.raises(ValidationError, match="columns"):
        question_save(
            step=question.step,
            author=personas.equity,
            question=question,
            revision=None,
            code="2.3",
            text="t",
            type="table",
            columns=question.columns[:2],
        )
    question_save(
        step=question.step,
        author=personas.equity,
        question=question,
        revision=None,
        code="2.3",
        text="t",
        type="table",
        columns=[*question.columns, {"key": "notes", "label": "Notes", "type": "text"}],
    )


def test_template_publish_and_retire_rules(personas):
    copy = template_copy(template=full_template(), author=personas.equity)
    with pytest.raises(ValidationError):
        template_set_status(template=copy, author=personas.equity, status=Template.Status.RETIRED)
    template_set_status(template=copy, author=personas.equity, status=Template.Status.PUBLISHED)
    template_set_status(template=copy, author=personas.equity, status=Template.Status.RETIRED)
    with pytest.raises(PermissionDenied):
        template_set_status(template=copy, author=personas.manager, status=Template.Status.PUBLISHED)


def test_shipped_templates_loaded_by_migration():
    slugs = dict(Template.objects.filter(version=1, status="published").values_list("slug", "name"))
    assert set(slugs) == {"gare-full", "short-form", "budget-decision"}
    full = full_template()
    assert full.steps.count() == 6
    assert "GARE" in full.description
    tables = Question.objects.filter(step__template=full, type="table").values_list("code", flat=True)
    assert {"1.4", "1.5", "2.3", "3.2", "4.2", "4.4", "6.1"} <= set(tables)
