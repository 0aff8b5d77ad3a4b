"""Hostile text in every tools filter and form field: a normal page or a clear 4xx, never a 500, and nothing
changes unless the form was accepted."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.db_state import db_fingerprint, nothing_saved
from tests.fuzz import assert_never_fails, hostile_text
from tests.tools.factories import AssessmentFactory, shipped
from tools.answer_inputs import MAX_VERSION
from tools.answer_rules import answer_clean
from tools.models import Answer, Question, Step, Template

pytestmark = pytest.mark.django_db

TOOLS_MODELS = ["tools.Template", "tools.Step", "tools.Question", "tools.Assessment", "tools.Answer",
                "tools.Transition", "tools.StepComment", "tools.Review", "tools.ActionLink",
                "plans.Action"]  # fmt: skip
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _unchanged_unless_accepted(response, before: dict) -> None:
    """A refused form (any status but a redirect) changed nothing."""
    assert_never_fails(response)
    if response.status_code != 302:
        assert db_fingerprint(TOOLS_MODELS) == before


@FUZZ
@given(text=hostile_text())
def test_fuzz_list_filters_and_pages(client, personas, completed, text):
    client.force_login(personas.equity)
    params = {"scope": text, "status": text, "decision_type": text, "department": text, "year": text, "page": text}
    with nothing_saved():
        for url, query in [
            (reverse("tools:assessment_list"), params),
            (reverse("tools:assessment_list"), {"page": text}),
            (reverse("tools:completed_counts"), {"year": text}),
            (reverse("tools:template_list"), {"page": text}),
            (reverse("tools:assessment_history", args=[completed.pk]), {"page": text}),
            (reverse("tools:action_link", args=[completed.pk]), {"question": text, "row": text}),
        ]:
            assert_never_fails(client.get(url, query))


QUESTION_CODES = [("gare-full", "1.1"), ("gare-full", "2.1"), ("gare-full", "4.1"), ("gare-full", "6.5"),
                  ("budget-decision", "1.1"), ("budget-decision", "1.2")]  # fmt: skip


def _version_shaped(text: str) -> bool:
    """A whole number a version can be, other than 0 (the version of an answer not yet saved)."""
    try:
        return 0 < int(text) <= MAX_VERSION
    except ValueError:
        return False


@FUZZ
@given(text=hostile_text(), which=st.sampled_from(QUESTION_CODES), bad_version=st.booleans())
def test_fuzz_answer_autosave(client, personas, text, which, bad_version):
    slug, code = which
    assessment = AssessmentFactory(department=personas.dept, lead=personas.staff, template=shipped(slug))
    question = Question.objects.get(step__template=assessment.template, code=code)
    client.force_login(personas.staff)
    name = f"q{question.pk}"
    data = {name: text, f"{name}_follow_up": text, f"{name}_version": text if bad_version else "0"}
    before = db_fingerprint(TOOLS_MODELS)
    response = client.post(reverse("tools:answer_autosave", args=[assessment.pk, question.pk]), data)
    assert_never_fails(response)
    saved = Answer.objects.filter(assessment=assessment, question=question).first()
    if response.status_code == 200:
        raw = {"answer": text, "follow_up": text} if question.type == Question.Type.YES_NO else text
        assert saved is not None and saved.value == answer_clean(question=question, raw=raw)
    else:
        # 409 only for a well-formed version that is not the current one: a stale edit.
        stale = bad_version and _version_shaped(text)
        assert response.status_code in ((400, 422, 409) if stale else (400, 422)), response.status_code
        assert saved is None and db_fingerprint(TOOLS_MODELS) == before


@FUZZ
@given(text=hostile_text(), team=hostile_text())
def test_fuzz_assessment_form(client, personas, text, team):
    client.force_login(personas.staff)
    template = shipped("short-form")
    before = db_fingerprint(TOOLS_MODELS)
    data = {"template": template.pk, "title": text, "decision_type": "policy", "department": personas.dept.pk,
            "lead": personas.staff.pk, "team": [team], "stage": text, "target_date": text, "deciding_body": text,
            "equity_areas": [text], "geography": text}  # fmt: skip
    _unchanged_unless_accepted(client.post(reverse("tools:assessment_create"), data), before)
    data.update(team=[], stage="revision", target_date="", equity_areas=[])
    response = client.post(reverse("tools:assessment_create"), data)
    assert_never_fails(response)  # a valid form but for the hostile text fields: saved as typed, or refused


@FUZZ
@given(text=hostile_text())
def test_fuzz_step_page_comment_and_table(client, personas, full_draft, text):
    client.force_login(personas.staff)
    before = db_fingerprint(TOOLS_MODELS)
    step_url = reverse("tools:step_fill", args=[full_draft.pk, 1])
    questions = Question.objects.filter(step__template=full_draft.template, step__number=1)
    data = {f"q{q.pk}": text for q in questions} | {f"q{q.pk}_version": text for q in questions}
    _unchanged_unless_accepted(client.post(step_url, data), before)
    before = db_fingerprint(TOOLS_MODELS)
    comment_url = reverse("tools:step_comment", args=[full_draft.pk, 1])
    response = client.post(comment_url, {"body": text})
    assert_never_fails(response)
    if response.status_code != 302:
        assert db_fingerprint(TOOLS_MODELS) == before
    table = questions.get(code="1.4")
    table_url = reverse("tools:table_edit", args=[full_draft.pk, table.pk])
    cells = {f"r0-{c['key']}": text for c in table.columns}
    for extra in ({"rows": "1", f"q{table.pk}_version": "0", "op": text}, {"rows": text, "op": "save"}):
        before = db_fingerprint(TOOLS_MODELS)
        _unchanged_unless_accepted(client.post(table_url, cells | extra), before)


@FUZZ
@given(text=hostile_text(), decision=hostile_text())
def test_fuzz_review_and_reopen(client, personas, in_review, completed, text, decision):
    client.force_login(personas.manager)
    before = db_fingerprint(TOOLS_MODELS)
    for data in ({"decision": decision, "note": text, "recommendations": text}, {"decision": "return", "note": ""}):
        response = client.post(reverse("tools:assessment_review", args=[in_review.pk]), data)
        _unchanged_unless_accepted(response, before)
    response = client.post(reverse("tools:assessment_reopen", args=[completed.pk]), {"reason": ""})
    _unchanged_unless_accepted(response, before)
    response = client.post(reverse("tools:action_link", args=[completed.pk]), {"form": text, "title": text})
    _unchanged_unless_accepted(response, before)


@FUZZ
@given(text=hostile_text(), kind=st.sampled_from([*Question.Type.values, "bogus"]))
def test_fuzz_template_editor(client, personas, text, kind):
    client.force_login(personas.equity)
    template, _new = Template.objects.get_or_create(slug="draft-tool", version=1, defaults={"name": "Draft tool"})
    step, _new = Step.objects.get_or_create(template=template, number=1, defaults={"title": "Step one"})
    before = db_fingerprint(TOOLS_MODELS)
    posts = [
        (reverse("tools:template_update", args=[template.pk]), {"name": "", "description": text}),
        (reverse("tools:step_create", args=[template.pk]), {"title": "", "intro": text}),
        (reverse("tools:question_create", args=[template.pk, step.pk]),
         {"code": text, "text": "", "type": kind, "choices_text": text, "columns_text": text}),
        (reverse("tools:template_status", args=[template.pk]), {"status": text}),
    ]  # fmt: skip
    for url, data in posts:
        _unchanged_unless_accepted(client.post(url, data), before)
    for url, data in [
        (reverse("tools:template_update", args=[template.pk]), {"name": text, "description": text}),
        (reverse("tools:step_create", args=[template.pk]), {"title": text, "intro": text}),
        (reverse("tools:question_create", args=[template.pk, step.pk]),
         {"code": text[:12], "text": text, "type": kind, "choices_text": text, "columns_text": text}),
    ]:  # fmt: skip
        assert_never_fails(client.post(url, data))


@pytest.mark.django_db
def test_autosave_refuses_a_version_no_column_can_hold(client, personas):
    """Found by the fuzz test: a 40-digit version was taken for a stale edit (409); it is tampering (400)."""
    assessment = AssessmentFactory(department=personas.dept, lead=personas.staff, template=shipped("gare-full"))
    question = Question.objects.get(step__template=assessment.template, code="1.1")
    client.force_login(personas.staff)
    name = f"q{question.pk}"
    data = {name: "Renters of colour", f"{name}_follow_up": "", f"{name}_version": "9" * 40}
    response = client.post(reverse("tools:answer_autosave", args=[assessment.pk, question.pk]), data)
    assert response.status_code == 400
    assert not Answer.objects.filter(assessment=assessment, question=question).exists()
