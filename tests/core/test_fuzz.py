"""Hostile text in the people and department pages, the reports pages and the account forms never gives a 500
and never changes data."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings

from reports.kinds import report_kinds
from tests.db_state import nothing_saved
from tests.fuzz import assert_form_refuses_hostile_text, assert_never_fails, hostile_text

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.data_too_large, HealthCheck.too_slow],
)
CORE_MODELS = ["equity.User", "equity.Department", "reports.ReportJob", "equity.HistoricalUser",
               "equity.HistoricalDepartment"]  # fmt: skip


@FUZZ
@given(q=hostile_text(), department=hostile_text(), role=hostile_text(), active=hostile_text(), page=hostile_text())
def test_people_list_filters_take_any_text(client, personas, q, department, role, active, page):
    client.force_login(personas.equity)
    params = {"q": q, "department": department, "role": role, "active": active, "page": page}
    with nothing_saved():
        response = client.get(reverse("user_list"), params)
    assert response.status_code == 200  # bad filters are ignored, never an error


@FUZZ
@given(page=hostile_text(), target=hostile_text())
def test_report_pages_take_any_text(client, personas, page, target):
    client.force_login(personas.equity)
    with nothing_saved():
        assert client.get(reverse("reports:job_list"), {"page": page}).status_code == 200
        for kind in report_kinds():
            assert_never_fails(client.get(reverse("reports:job_choose", args=[kind.code]), {"target": target}))


# Each form gets hostile text in every field and one value that can never be valid, so nothing may be saved.
FORMS = [
    ("user_create", False, ["full_name", "preferred_name", "username", "employee_id", "job_title", "departments",
                            "is_manager", "is_facilitator", "is_equity_team", "send_invitation"],
     ("email", "not an address")),
    ("user_update", True, ["full_name", "preferred_name", "employee_id", "job_title", "departments", "is_manager",
                           "is_facilitator", "is_equity_team"], ("email", "not an address")),
    ("department_create", False, ["name", "is_active"], ("code", "no spaces allowed!")),
    ("department_update", True, ["name", "is_active"], ("code", "no spaces allowed!")),
]  # fmt: skip


@pytest.mark.parametrize(("name", "with_target", "fields", "invalid"), FORMS, ids=[f[0] for f in FORMS])
def test_every_form_field_refuses_hostile_text_without_saving(client, personas, name, with_target, fields, invalid):
    client.force_login(personas.equity)
    target = (personas.staff.pk if name.startswith("user") else personas.dept.pk) if with_target else None
    url = reverse(name, args=[target] if target else [])
    assert client.get(url).status_code == 200

    assert_form_refuses_hostile_text(client, url, fields=fields, invalid=invalid, models=CORE_MODELS)


@FUZZ
@given(preferred_name=hostile_text(), job_title=hostile_text())
def test_profile_form_saves_valid_text_exactly_and_refuses_the_rest(client, personas, preferred_name, job_title):
    client.force_login(personas.staff)
    before = (personas.staff.preferred_name, personas.staff.job_title)
    response = client.post(reverse("profile"), {"preferred_name": preferred_name, "job_title": job_title})
    assert_never_fails(response)
    personas.staff.refresh_from_db()
    after = (personas.staff.preferred_name, personas.staff.job_title)
    if response.status_code == 302:
        assert after == (preferred_name.strip(), job_title.strip())
    else:
        assert after == before


def test_a_key_no_column_can_hold_matches_nothing_on_every_database(personas):
    """A multiple-choice field given 40 digits refuses the choice (SQLite raised OverflowError: a 500)."""
    from equity.models import Department

    assert list(Department.objects.filter(pk__in=[10**40, personas.dept.pk])) == [personas.dept]
    assert not Department.objects.filter(pk__in=[10**40, -(10**40)]).exists()
