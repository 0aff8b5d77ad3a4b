"""Bulk edits on the actions list (issue 13): every selected action changed and audited, stale selections and
forbidden actions refused with nothing saved, labelled checkboxes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from plans.models import Action
from plans.services.bulk import BulkChange, actions_bulk_edit
from tests.plans.factories import ActionFactory, OutcomeFactory, ResultFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _bulk_data(actions, **change):
    data = {"actions": [str(a.pk) for a in actions]} | {f"version-{a.pk}": str(a.version) for a in actions}
    return data | {f"bulk-{key}": value for key, value in change.items()}


def test_bulk_edit_changes_every_selected_action_and_audits_each(client, personas, world):
    second = ActionFactory(plan=world.plan, lead_department=personas.dept)
    outcome = OutcomeFactory(result=ResultFactory(plan=world.plan))
    client.force_login(personas.manager)
    url = reverse("plans:actions_bulk_edit", args=[world.plan.pk])
    data = _bulk_data(
        [world.action, second], status="at_risk", reason="Budget freeze.", due_date="2027-03-31", outcome=outcome.pk
    )
    assert client.post(url, data).status_code == 302
    for action in (world.action, second):
        action.refresh_from_db()
        assert (action.status, action.due_date) == ("at_risk", datetime.date(2027, 3, 31))
        assert list(action.outcomes.all()) == [outcome]
        assert action.history.first().history_user == personas.manager
        assert action.updates.filter(status="at_risk", status_reason="Budget freeze.").exists()


def test_bulk_edit_refuses_everything_when_one_selected_action_changed(client, personas, world):
    second = ActionFactory(plan=world.plan, lead_department=personas.dept)
    client.force_login(personas.manager)
    data = _bulk_data([world.action, second], due_date="2027-03-31")
    Action.objects.filter(pk=second.pk).update(version=second.version + 1)  # someone saved it meanwhile
    response = client.post(reverse("plans:actions_bulk_edit", args=[world.plan.pk]), data)
    assert response.status_code == 409
    assert "Nothing was saved" in response.content.decode()
    world.action.refresh_from_db()
    assert world.action.due_date != datetime.date(2027, 3, 31)


def test_bulk_edit_checks_each_action(personas, world):
    other = ActionFactory(plan=world.plan, lead_department=personas.other_dept)
    versions = {world.action.pk: world.action.version, other.pk: other.version}
    with pytest.raises(PermissionDenied):
        actions_bulk_edit(
            author=personas.manager, plan=world.plan, versions=versions, change=BulkChange(due_date=TODAY)
        )
    world.action.refresh_from_db()
    assert world.action.due_date != TODAY


def test_bulk_edit_needs_a_reason_for_a_status_and_a_selection(client, personas, world):
    client.force_login(personas.manager)
    url = reverse("plans:actions_bulk_edit", args=[world.plan.pk])
    response = client.post(url, _bulk_data([world.action], status="at_risk"))
    assert response.status_code == 400 and "reason" in response.context["bulk_form"].errors
    response = client.post(url, {"bulk-due_date": "2027-01-01"})
    assert response.status_code == 400
    assert "Select at least one action." in response.content.decode()


def test_bulk_checkboxes_have_labels_and_only_for_editable_actions(client, personas, world):
    ActionFactory(plan=world.plan, lead_department=personas.other_dept, title="Public Works job")
    client.force_login(personas.manager)
    html = client.get(reverse("plans:plan_actions", args=[world.plan.pk])).content.decode()
    assert f'for="select-{world.action.pk}"' in html and f"Select “{world.action.title}”" in html
    assert "Select “Public Works job”" not in html
    client.force_login(personas.staff)
    assert (
        "Change the selected actions"
        not in client.get(reverse("plans:plan_actions", args=[world.plan.pk])).content.decode()
    )
