"""Workforce attributes: the equity team records them, a person answers for themselves, nobody else sees them."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse

from equity.models import StaffAttributes
from equity.workforce import self_identification_save, staff_attributes_save
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _save(author, person, **kw):
    data = {"race_ethnicity": "", "job_class": "", "hire_date": None, **kw}
    return staff_attributes_save(author=author, person=person, **data)


def test_only_the_equity_team_records_attributes_and_each_save_is_audited(personas):
    with pytest.raises(PermissionDenied):
        _save(personas.manager, personas.staff, job_class="Planner II")
    _save(personas.equity, personas.staff, job_class="Planner II", hire_date=date(2024, 5, 1), race_ethnicity="asian")
    attributes = StaffAttributes.objects.get(user=personas.staff)
    assert (attributes.job_class, attributes.race_ethnicity, attributes.revision) == ("Planner II", "asian", 1)
    _save(personas.equity, personas.staff, job_class="Planner III", expected_revision=1)
    rows = list(attributes.history.order_by("history_id"))
    assert [r.job_class for r in rows] == ["Planner II", "Planner III"] and rows[-1].history_user == personas.equity


def test_bad_answers_are_refused_and_nothing_is_saved(personas):
    with pytest.raises(ValidationError):
        _save(personas.equity, personas.staff, race_ethnicity="martian")
    with pytest.raises(ValidationError):
        _save(personas.equity, personas.staff, hire_date=date.today() + timedelta(days=2))  # noqa: DTZ011
    assert not StaffAttributes.objects.exists()


def test_a_person_sets_only_their_own_race_ethnicity(personas):
    _save(personas.equity, personas.staff, job_class="Planner II")
    self_identification_save(person=personas.staff, race_ethnicity="prefer_not", expected_revision=1)
    attributes = StaffAttributes.objects.get(user=personas.staff)
    assert (attributes.race_ethnicity, attributes.job_class) == ("prefer_not", "Planner II")
    assert attributes.history.latest("history_id").history_user == personas.staff


@override_settings(WORKFORCE_ATTRIBUTES=False)
def test_everything_is_off_unless_the_city_turns_it_on(client, personas):
    with pytest.raises(ValidationError):
        self_identification_save(person=personas.staff, race_ethnicity="asian")
    client.force_login(personas.equity)
    assert client.get(reverse("staff_attributes", args=[personas.staff.pk])).status_code == 404
    assert client.get(reverse("self_identification")).status_code == 404
    assert "self-identified" not in client.get(reverse("profile")).content.decode()


def test_pages_per_persona(client, personas):
    url = reverse("staff_attributes", args=[personas.staff.pk])
    for persona in ("staff", "manager", "facilitator", "other_staff", "other_manager"):
        client.force_login(personas.get(persona))
        assert client.get(url).status_code == 403, persona
        assert client.post(url, {"job_class": "X"}).status_code == 403, persona
    client.force_login(personas.equity)
    data = {"race_ethnicity": "black", "job_class": "Engineer", "hire_date": "2025-01-06"}
    assert client.post(url, data).status_code == 302
    assert StaffAttributes.objects.get(user=personas.staff).job_class == "Engineer"
    stale = client.post(url, {**data, "job_class": "Other", "revision": "0"})
    assert stale.status_code == 409 and StaffAttributes.objects.get(user=personas.staff).job_class == "Engineer"
    assert client.post(url, {**data, "job_class": "Engineer II", "revision": "1"}).status_code == 302
    history = client.get(reverse("staff_attributes_history", args=[personas.staff.pk])).content.decode()
    assert "Engineer II" in history and "Eli Equity" in history
    # The person sees their own answer, never the job class or hire date the team recorded.
    client.force_login(personas.staff)
    html = client.get(reverse("self_identification")).content.decode()
    assert 'value="black"  id="id_race_ethnicity_3" checked' in html
    assert "Engineer" not in html and "2025" not in html and "Job class" not in html
    assert client.post(reverse("self_identification"), {"race_ethnicity": "nope"}).status_code == 200
    assert StaffAttributes.objects.get(user=personas.staff).race_ethnicity == "black"


def test_attribute_pages_run_a_fixed_number_of_queries(client, personas):
    client.force_login(personas.equity)
    _save(personas.equity, personas.staff, job_class="Planner II")

    def grow():
        for index in range(5):
            _save(personas.equity, personas.staff, job_class=f"Planner {index}", expected_revision=index + 1)

    url = reverse("staff_attributes", args=[personas.staff.pk])
    assert_constant_queries(client, url, grow=lambda: None, budget=12)
    assert_constant_queries(client, reverse("self_identification"), grow=grow, budget=12)
