"""The equity team links any department's worksheet to any plan action city-wide; managers within the departments
they manage; staff within their worksheet's department."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.factories import UserFactory
from tests.plans.factories import ActionFactory, PlanFactory
from tools.links import actions_to_link_for_user
from tools.models import ActionLink
from tools.services.links import action_link_existing

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_works_action(personas):
    """An action of an active Public Works plan, led by Public Works."""
    plan = PlanFactory(departments=[personas.other_dept], title="Public Works REAP")
    return ActionFactory(plan=plan, lead_department=personas.other_dept, title="Sidewalk repair by need")


def test_equity_team_links_community_development_worksheet_to_public_works_action(
    client, personas, full_draft, public_works_action
):
    assert public_works_action in actions_to_link_for_user(user=personas.equity, assessment=full_draft)
    client.force_login(personas.equity)
    url = reverse("tools:action_link", args=[full_draft.pk])
    assert "Sidewalk repair by need (Public Works)" in client.get(url).content.decode()
    response = client.post(url, {"form": "link", "action": public_works_action.pk})
    assert response.status_code == 302
    link = ActionLink.objects.get()
    assert (link.assessment, link.action, link.created_by) == (full_draft, public_works_action, personas.equity)
    assert link.history.first().history_user == personas.equity


@pytest.mark.parametrize("persona", ["staff", "manager"])
def test_others_cannot_link_another_departments_action(client, personas, full_draft, public_works_action, persona):
    user = personas.get(persona)
    assert public_works_action not in actions_to_link_for_user(user=user, assessment=full_draft)
    with pytest.raises(PermissionDenied):
        action_link_existing(assessment=full_draft, action=public_works_action, author=user)
    client.force_login(user)
    response = client.post(
        reverse("tools:action_link", args=[full_draft.pk]), {"form": "link", "action": public_works_action.pk}
    )
    assert response.status_code == 200 and not ActionLink.objects.exists()  # not a choice: the form says so


def test_manager_of_both_departments_links_across_them(personas, full_draft, public_works_action):
    both = UserFactory(is_manager=True, departments=[personas.dept, personas.other_dept])
    assert public_works_action in actions_to_link_for_user(user=both, assessment=full_draft)
    link = action_link_existing(assessment=full_draft, action=public_works_action, author=both)
    assert link.action == public_works_action


def test_manager_of_another_department_cannot_open_the_worksheet(client, personas, full_draft):
    client.force_login(personas.other_manager)
    assert client.get(reverse("tools:action_link", args=[full_draft.pk])).status_code == 404
