"""Strategies become plan actions: create or link from a step 4/5 row; both sides show the link."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.plans.factories import ActionFactory, PlanFactory
from tools.models import ActionLink, Answer, Question
from tools.services.links import action_create_from_assessment, action_link_existing

pytestmark = pytest.mark.django_db

STRATEGIES = [
    {"strategy": "Translate the application", "addresses": "Immediate impact", "owner": "Housing"},
    {"strategy": "Shared-appreciation loan", "addresses": "Root cause", "owner": "Finance"},
]


@pytest.fixture
def strategies(full_draft, personas):
    question = Question.objects.get(step__template=full_draft.template, code="4.4")
    Answer.objects.create(assessment=full_draft, question=question, value=STRATEGIES, version=1)
    return question


@pytest.fixture
def plan(personas):
    return PlanFactory(departments=[personas.dept], title="Community Development REAP 2025-2028")


def test_manager_turns_strategy_row_into_plan_action(client, personas, full_draft, strategies, plan):
    client.force_login(personas.manager)
    url = reverse("tools:action_link", args=[full_draft.pk]) + f"?question={strategies.pk}&row=1"
    page = client.get(url).content.decode()
    assert "Shared-appreciation loan" in page
    response = client.post(
        reverse("tools:action_link", args=[full_draft.pk]),
        {
            "form": "new",
            "question": strategies.pk,
            "row": "1",
            "plan": plan.pk,
            "title": "Shared-appreciation loan",
            "accountable": personas.staff.pk,
            "due_date": "2026-06-30",
        },
    )
    assert response.status_code == 302
    link = ActionLink.objects.get()
    action = link.action
    assert (action.plan, action.lead_department, action.accountable) == (plan, personas.dept, personas.staff)
    assert link.row_text == "Shared-appreciation loan" and "racial equity assessment" in action.description
    detail = client.get(reverse("tools:assessment_detail", args=[full_draft.pk])).content.decode()
    assert "Shared-appreciation loan" in detail and "Not started" in detail
    action.status = "on_track"
    action.save()
    detail = client.get(reverse("tools:assessment_detail", args=[full_draft.pk])).content.decode()
    assert action.get_status_display() in detail  # live status, not a copy
    action_page = client.get(reverse("plans:action_detail", args=[action.pk])).content.decode()
    assert "From racial equity assessments" in action_page and full_draft.title in action_page
    client.force_login(personas.other_staff)
    action_page = client.get(reverse("plans:action_detail", args=[action.pk])).content.decode()
    assert full_draft.title not in action_page  # a draft of another department stays hidden


def test_staff_may_link_existing_action_but_not_create(personas, full_draft, strategies, plan):
    with pytest.raises(PermissionDenied):
        action_create_from_assessment(
            assessment=full_draft, plan=plan, author=personas.staff, title="x", question=strategies, row=0
        )
    action = ActionFactory(plan=plan, lead_department=personas.dept)
    link = action_link_existing(assessment=full_draft, action=action, author=personas.staff, question=strategies, row=0)
    assert link.row_text == "Translate the application"
    with pytest.raises(PermissionDenied):
        action_link_existing(assessment=full_draft, action=action, author=personas.facilitator)


@pytest.mark.parametrize("query", ["row=7", "row=abc", "other_template", "not_strategy"])
def test_link_page_tampered_rows_are_400(client, personas, full_draft, strategies, query):
    client.force_login(personas.manager)
    if query == "other_template":
        other = Question.objects.filter(step__template__slug="budget-decision").first()
        query = f"question={other.pk}&row=0"
    elif query == "not_strategy":
        query = f"question={Question.objects.get(step__template=full_draft.template, code='4.2').pk}&row=0"
    else:
        query = f"question={strategies.pk}&{query}"
    url = reverse("tools:action_link", args=[full_draft.pk]) + "?" + query
    assert client.get(url).status_code == 400
    assert not ActionLink.objects.exists()


def test_link_existing_refuses_action_user_cannot_see_and_duplicates(client, personas, full_draft, plan):
    client.force_login(personas.staff)
    hidden = ActionFactory(
        plan=PlanFactory(status="draft", departments=[personas.other_dept]), lead_department=personas.dept
    )
    url = reverse("tools:action_link", args=[full_draft.pk])
    response = client.post(url, {"form": "link", "action": hidden.pk})
    assert response.status_code == 200 and not ActionLink.objects.exists()
    visible = ActionFactory(plan=plan, lead_department=personas.dept)
    client.post(url, {"form": "link", "action": visible.pk})
    assert ActionLink.objects.count() == 1
    response = client.post(url, {"form": "link", "action": visible.pk})
    assert response.status_code == 200 and ActionLink.objects.count() == 1


def test_unlink_keeps_the_action(client, personas, full_draft, plan):
    action = ActionFactory(plan=plan, lead_department=personas.dept)
    link = action_link_existing(assessment=full_draft, action=action, author=personas.staff)
    client.force_login(personas.staff)
    response = client.post(reverse("tools:action_unlink", args=[full_draft.pk, link.pk]))
    assert response.status_code == 302 and not ActionLink.objects.exists()
    action.refresh_from_db()


def test_step_page_offers_plan_action_per_strategy_row(client, personas, full_draft, strategies):
    client.force_login(personas.staff)
    page = client.get(reverse("tools:step_fill", args=[full_draft.pk, 4])).content.decode()
    assert "Make row 2 a plan action" in page


def test_a_long_strategy_is_offered_whole_and_refused_with_a_message_not_cut(client, personas, full_draft, plan):
    question = Question.objects.get(step__template=full_draft.template, code="4.4")
    long_strategy = "Pair every new applicant with a navigator who speaks their language " * 5  # 340 characters
    Answer.objects.create(assessment=full_draft, question=question, value=[{"strategy": long_strategy}], version=1)
    client.force_login(personas.manager)
    url = reverse("tools:action_link", args=[full_draft.pk]) + f"?question={question.pk}&row=0"
    form = client.get(url).context["new_form"]
    assert form.initial["title"] == long_strategy
    response = client.post(
        reverse("tools:action_link", args=[full_draft.pk]),
        {"form": "new", "question": question.pk, "row": "0", "plan": plan.pk, "title": long_strategy,
         "accountable": personas.staff.pk, "due_date": "2026-06-30"},
    )  # fmt: skip
    assert "at most 250 characters" in response.content.decode()
    assert not ActionLink.objects.exists()
