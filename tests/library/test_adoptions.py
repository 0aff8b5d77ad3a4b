"""Links from practices to plan actions and to equity tool assessments: made by those who may, shown on both sides."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from library.models import PracticeAdoption, PracticeStrategy
from library.services.adoptions import adoption_add, strategy_add
from plans.models import Plan
from tests.library.factories import PracticeFactory
from tests.plans.factories import ActionFactory, PlanFactory
from tests.tools.factories import AssessmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(personas):
    plan = PlanFactory(title="Community Development plan", departments=[personas.dept])
    return ActionFactory(plan=plan, title="Adopt fair chance hiring", lead_department=personas.dept)


def test_manager_links_a_practice_and_both_pages_show_it(client, personas, action):
    practice = PracticeFactory(title="Fair chance hiring", suggested_by=personas.equity)
    client.force_login(personas.manager)
    page = client.get(reverse("library:adoption_create", args=[practice.pk]))
    assert list(page.context["form"].fields["action"].queryset) == [action]
    response = client.post(reverse("library:adoption_create", args=[practice.pk]), {"action": action.pk, "note": "HR"})
    assert response.status_code == 302
    assert PracticeAdoption.objects.get().linked_by == personas.manager
    client.force_login(personas.other_staff)
    practice_page = client.get(reverse("library:practice_detail", args=[practice.pk])).content.decode()
    assert "Adopt fair chance hiring" in practice_page and "Unlink" not in practice_page
    action_page = client.get(reverse("plans:action_detail", args=[action.pk])).content.decode()
    assert "Practices this action adopts" in action_page and "Fair chance hiring" in action_page


def test_link_twice_or_to_a_suggestion_is_refused(personas, action):
    practice = PracticeFactory(suggested_by=personas.equity)
    adoption_add(author=personas.equity, practice=practice, action=action)
    with pytest.raises(ValidationError, match="already linked"):
        adoption_add(author=personas.equity, practice=practice, action=action)
    suggestion = PracticeFactory(review_state="suggested", suggested_by=personas.staff)
    with pytest.raises(ValidationError, match="Only a published practice"):
        adoption_add(author=personas.equity, practice=suggestion, action=action)


def test_tampered_action_of_another_department_is_refused(client, personas, action):
    other_action = ActionFactory(
        plan=PlanFactory(departments=[personas.other_dept]), lead_department=personas.other_dept
    )
    practice = PracticeFactory(suggested_by=personas.equity)
    client.force_login(personas.manager)
    response = client.post(reverse("library:adoption_create", args=[practice.pk]), {"action": other_action.pk})
    assert response.status_code == 200 and "action" in response.context["form"].errors
    assert not PracticeAdoption.objects.exists()


def test_links_to_actions_of_hidden_draft_plans_are_not_shown(client, personas):
    draft = PlanFactory(status=Plan.Status.DRAFT, departments=[personas.other_dept])
    hidden = ActionFactory(plan=draft, title="Secret action", lead_department=personas.other_dept)
    practice = PracticeFactory(suggested_by=personas.equity)
    adoption_add(author=personas.equity, practice=practice, action=hidden)
    client.force_login(personas.staff)
    assert b"Secret action" not in client.get(reverse("library:practice_detail", args=[practice.pk])).content


def test_assessment_team_links_a_practice_and_both_pages_show_it(client, personas):
    assessment = AssessmentFactory(title="Rental licensing fees", department=personas.dept, lead=personas.staff)
    practice = PracticeFactory(title="Fine and fee review", suggested_by=personas.equity)
    client.force_login(personas.staff)
    response = client.post(
        reverse("library:strategy_create", args=[practice.pk]), {"assessment": assessment.pk, "note": "Step 4"}
    )
    assert response.status_code == 302
    assert PracticeStrategy.objects.get().linked_by == personas.staff
    practice_page = client.get(reverse("library:practice_detail", args=[practice.pk])).content.decode()
    assert "Rental licensing fees" in practice_page and "Unlink Rental licensing fees" in practice_page
    assessment_page = client.get(reverse("tools:assessment_detail", args=[assessment.pk])).content.decode()
    assert "Practices these strategies draw on" in assessment_page and "Fine and fee review" in assessment_page
    with pytest.raises(ValidationError, match="already linked"):
        strategy_add(author=personas.equity, practice=practice, assessment=assessment)


def test_strategy_link_to_someone_elses_assessment_is_refused(client, personas):
    other = AssessmentFactory(department=personas.other_dept)
    mine = AssessmentFactory(department=personas.dept, lead=personas.staff)
    practice = PracticeFactory(suggested_by=personas.equity)
    client.force_login(personas.staff)
    page = client.get(reverse("library:strategy_create", args=[practice.pk]))
    assert list(page.context["form"].fields["assessment"].queryset) == [mine]
    response = client.post(reverse("library:strategy_create", args=[practice.pk]), {"assessment": other.pk})
    assert response.status_code == 200 and "assessment" in response.context["form"].errors
    assert not PracticeStrategy.objects.exists()
