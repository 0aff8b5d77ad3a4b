"""The requirement pages: create, edit (stale edits refused), retire (tampering refused), history, person record."""

from datetime import date

import pytest
from django.urls import reverse

from equity.models import StaffAttributes
from training.models import TrainingRequirement

pytestmark = pytest.mark.django_db


def _data(module, **kw):
    return {"module": module.pk, "scope": "all_staff", "due_days": "90", "effective_from": "2025-01-01", **kw}


def test_equity_team_creates_edits_and_retires_a_requirement(client, personas, module):
    client.force_login(personas.equity)
    assert client.post(reverse("training:requirement_create"), _data(module)).status_code == 302
    requirement = TrainingRequirement.objects.get()
    edit = reverse("training:requirement_update", args=[requirement.pk])
    assert client.post(edit, _data(module, due_days="60", revision="1")).status_code == 302
    stale = client.post(edit, _data(module, due_days="30", revision="1"))
    assert stale.status_code == 409 and TrainingRequirement.objects.get().due_days == 60
    retire = reverse("training:requirement_retire", args=[requirement.pk])
    assert client.post(retire, {"revision": "not-a-number"}).status_code == 400
    assert client.post(retire, {"revision": "2"}).status_code == 302
    assert TrainingRequirement.objects.get().retired_on is not None
    history = client.get(reverse("training:requirement_history", args=[requirement.pk])).content.decode()
    assert "Eli Equity" in history and "Retired on" in history


def test_a_role_requirement_without_its_role_says_what_is_missing(client, personas, module):
    client.force_login(personas.equity)
    response = client.post(reverse("training:requirement_create"), _data(module, scope="role"))
    assert response.status_code == 200 and "Choose the role this module is required of." in response.content.decode()
    response = client.post(reverse("training:requirement_create"), _data(module, due_days="0"))
    assert "greater than or equal to 1" in response.content.decode()
    assert not TrainingRequirement.objects.exists()


def test_person_record_and_report_show_overdue(client, personas, module):
    TrainingRequirement.objects.create(module=module, due_days=30, effective_from=date(2025, 1, 1))
    StaffAttributes.objects.create(user=personas.staff, hire_date=date(2025, 2, 1))
    client.force_login(personas.manager)
    html = client.get(reverse("training:person_record", args=[personas.staff.pk])).content.decode()
    assert "Required training" in html and "<strong>Overdue</strong>" in html
    html = client.get(reverse("training:completion_report") + f"?department={personas.dept.pk}").content.decode()
    assert "Required training: overdue and due soon" in html and "Sam Staff: Advancing Racial Equity (due" in html
