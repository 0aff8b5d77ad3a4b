"""Issue 15, finding 8: milestone edits (and every record edited with a version or revision) refuse a stale form
instead of silently overwriting a colleague's edit: two forms opened on the same milestone, the second save gets the
stale-edit message in the error summary and changes nothing; a form posted without its version is refused too."""

import pytest
from django.urls import reverse

from tests.forms_html import form_data
from tests.plans.factories import MilestoneFactory

pytestmark = pytest.mark.django_db


def test_milestone_second_of_two_open_forms_is_refused_and_changes_nothing(client, personas, world):
    client.force_login(personas.manager)
    url = reverse("plans:milestone_update", args=[world.milestone.pk])
    first = form_data(client.get(url).content.decode())
    second = form_data(client.get(url).content.decode())
    first["title"], second["title"] = "Hire the first two inspectors", "Hire three inspectors"
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 409
    body = response.content.decode()
    assert "error-summary" in body and "There is a problem" in body
    assert "Your changes were not saved" in body and "Hire the first two inspectors" in body
    world.milestone.refresh_from_db()
    assert world.milestone.title == "Hire the first two inspectors" and world.milestone.version == 2


@pytest.mark.parametrize(
    ("url_name", "obj", "field"),
    [
        ("plans:milestone_update", "milestone", "title"),
        ("plans:action_update", "action", "title"),
        ("plans:plan_update", "plan", "title"),
        ("plans:indicator_update", "indicator", "name"),
        ("plans:result_update", "result", "statement"),
        ("plans:outcome_update", "outcome", "statement"),
    ],
)
def test_edit_form_without_its_version_is_refused_not_overwriting(client, personas, world, url_name, obj, field):
    record = getattr(world, obj)
    client.force_login(personas.manager)
    url = reverse(url_name, args=[record.pk])
    data = form_data(client.get(url).content.decode())
    data.pop("version")
    data[field] = "Changed without a version"
    response = client.post(url, data)
    assert response.status_code == 409
    body = response.content.decode()
    assert "error-summary" in body and "did not say which version" in body
    before = getattr(record, field)
    record.refresh_from_db()
    assert getattr(record, field) == before


def test_new_milestone_needs_no_version(client, personas, world):
    client.force_login(personas.manager)
    url = reverse("plans:milestone_create", args=[world.action.pk])
    data = form_data(client.get(url).content.decode())
    data["title"] = "Publish the dashboard"
    assert client.post(url, data).status_code == 302
    assert world.action.milestones.filter(title="Publish the dashboard").exists()
    assert MilestoneFactory._meta.model.objects.get(title="Publish the dashboard").version == 1


@pytest.mark.parametrize(("url_name", "obj"), [("plans:result_update", "result"), ("plans:outcome_update", "outcome")])
def test_result_and_outcome_second_of_two_open_forms_is_refused(client, personas, world, url_name, obj):
    record = getattr(world, obj)
    client.force_login(personas.manager)
    url = reverse(url_name, args=[record.pk])
    first = form_data(client.get(url).content.decode())
    second = form_data(client.get(url).content.decode())
    first["statement"], second["statement"] = "Renters keep their homes", "Fewer evictions"
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 409
    body = response.content.decode()
    assert "error-summary" in body and "Your changes were not saved" in body
    record.refresh_from_db()
    assert record.statement == "Renters keep their homes" and record.version == 2
