"""Editing a draft worksheet template: a form older than the template, step or question is refused, nothing saved."""

import pytest
from django.urls import reverse

from equity.concurrency import StaleEdit
from tests.tools.factories import short_template
from tools.models import Question, Step, Template
from tools.services.templates import question_move, question_save, step_save, template_copy, template_update

pytestmark = pytest.mark.django_db

STALE = "since you opened this page"


@pytest.fixture
def draft_template(personas) -> Template:
    return template_copy(template=short_template(), author=personas.equity)


def _first_step(template: Template) -> Step:
    return template.steps.order_by("number")[0]


def _first_question(template: Template) -> Question:
    return Question.objects.filter(step__template=template).order_by("step__number", "order")[0]


def _question_fields(question: Question, text: str) -> dict:
    return {"code": question.code, "text": text, "type": question.type, "choices": question.choices}


def test_template_update_bumps_the_revision_and_refuses_a_stale_form(personas, draft_template):
    opened = draft_template.revision
    saved = template_update(
        template=draft_template, author=personas.equity, revision=opened, name="First editor", description=""
    )
    assert (saved.name, saved.revision) == ("First editor", opened + 1)
    with pytest.raises(StaleEdit, match=STALE) as stale:
        template_update(
            template=draft_template, author=personas.equity, revision=opened, name="Second editor", description="x"
        )
    assert "First editor" in stale.value.messages[0]  # says what the other editor changed
    draft_template.refresh_from_db()
    assert (draft_template.name, draft_template.description) == ("First editor", "")
    assert draft_template.revision == opened + 1 and draft_template.history.count() == 2


def test_step_save_refuses_a_stale_form_and_changes_nothing(personas, draft_template):
    step = _first_step(draft_template)
    opened = step.revision
    step_save(template=draft_template, author=personas.equity, step=step, revision=opened, title="First editor")
    with pytest.raises(StaleEdit, match=STALE):
        step_save(template=draft_template, author=personas.equity, step=step, revision=opened, title="Second editor")
    step.refresh_from_db()
    assert (step.title, step.revision) == ("First editor", opened + 1)
    assert step.history.count() == 2


def test_question_save_refuses_a_stale_form_and_changes_nothing(personas, draft_template):
    question = _first_question(draft_template)
    opened = question.revision
    step = question.step
    question_save(
        step=step, author=personas.equity, question=question, revision=opened, **_question_fields(question, "First")
    )
    with pytest.raises(StaleEdit, match=STALE):
        question_save(
            step=step, author=personas.equity, question=question, revision=opened, **_question_fields(question, "Late")
        )
    question.refresh_from_db()
    assert (question.text, question.revision) == ("First", opened + 1)
    assert question.history.count() == 2


def test_question_moved_while_its_form_is_open_still_saves_and_keeps_its_place(personas, draft_template):
    question = _first_question(draft_template)
    opened = question.revision
    question_move(question=question, author=personas.equity, direction="down")
    moved_to = Question.objects.get(pk=question.pk).order
    question_save(
        step=question.step,
        author=personas.equity,
        question=question,  # still holds the order it had when the form was opened
        revision=opened,
        **_question_fields(question, "Reworded after the move"),
    )
    question.refresh_from_db()
    assert (question.text, question.order) == ("Reworded after the move", moved_to)


@pytest.mark.parametrize("kind", ["template", "step", "question"])
def test_stale_editor_form_shows_the_message_and_saves_nothing(client, personas, draft_template, kind):
    step = _first_step(draft_template)
    question = _first_question(draft_template)
    url, data, record, field = {
        "template": (
            reverse("tools:template_update", args=[draft_template.pk]),
            {"name": "{who} editor", "description": ""},
            draft_template,
            "name",
        ),
        "step": (
            reverse("tools:step_update", args=[draft_template.pk, step.pk]),
            {"title": "{who} editor", "intro": ""},
            step,
            "title",
        ),
        "question": (
            reverse("tools:question_update", args=[draft_template.pk, question.step_id, question.pk]),
            {"code": question.code, "text": "{who} editor", "type": Question.Type.LONG_TEXT},
            question,
            "text",
        ),
    }[kind]
    client.force_login(personas.equity)
    opened = client.get(url).context["form"]["revision"].value()
    assert opened == record.revision

    def post(who: str):
        return client.post(url, {**{k: v.format(who=who) for k, v in data.items()}, "revision": opened})

    assert post("First").status_code == 302
    response = post("Second")
    assert response.status_code == 409
    assert STALE in response.content.decode() and "First editor" in response.content.decode()
    record.refresh_from_db()
    assert getattr(record, field) == "First editor"
    assert record.revision == opened + 1 and record.history.count() == 2
