"""The equity team manages people and departments; every change keeps who, when and what."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from equity.audit import history_entries
from equity.models import Department, User
from equity.services import user_set_active, user_update
from tests.factories import DepartmentFactory, UserFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_user_create_view_invites_by_email(client, personas, mailoutbox):
    client.force_login(personas.equity)
    response = client.post(
        reverse("user_create"),
        {
            "full_name": "Ana Lopez",
            "username": "alopez",
            "email": "ALopez@Example.org",
            "departments": [personas.dept.pk],
            "is_manager": "on",
            "send_invitation": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="alopez")
    assert user.email == "alopez@example.org"
    assert user.is_manager and not user.has_usable_password()
    assert list(user.departments.all()) == [personas.dept]
    assert len(mailoutbox) == 1 and "alopez" in mailoutbox[0].body
    created = user.history.get(history_type="+")
    assert created.history_user == personas.equity


def test_user_create_view_shows_field_errors_and_saves_nothing(client, personas):
    client.force_login(personas.equity)
    before = User.objects.count()
    response = client.post(reverse("user_create"), {"full_name": "", "username": "x", "email": personas.staff.email})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "A user with this email address already exists." in html
    assert 'href="#id_full_name"' in html
    assert User.objects.count() == before


def test_user_update_records_field_changes_in_history(personas):
    user_update(author=personas.equity, user=personas.staff, job_title="Senior Planner", is_facilitator=True)
    entries = history_entries(obj=personas.staff)
    newest = entries[0]
    assert newest.who == personas.equity
    changed = {c.field: (c.old, c.new) for c in newest.changes}
    assert changed["Job title"] == ("Analyst", "Senior Planner")
    assert changed["Facilitator"] == (False, True)


def test_user_update_refuses_unknown_fields(personas):
    with pytest.raises(ValueError):
        user_update(author=personas.equity, user=personas.staff, is_superuser=True)


def test_user_deactivate_keeps_the_user(client, personas):
    client.force_login(personas.equity)
    response = client.post(reverse("user_set_active", args=[personas.staff.pk]), {"active": "0"})
    assert response.status_code == 302
    personas.staff.refresh_from_db()
    assert personas.staff.is_active is False
    assert User.objects.filter(pk=personas.staff.pk).exists()


def test_user_cannot_deactivate_themselves(personas):
    with pytest.raises(ValidationError):
        user_set_active(author=personas.equity, user=personas.equity, active=False)


def test_user_list_filters(client, personas):
    client.force_login(personas.equity)
    html = client.get(reverse("user_list"), {"role": "manager"}).content.decode()
    assert "Mia Manager" in html and "Omar Othermanager" in html and "Sam Staff" not in html
    html = client.get(reverse("user_list"), {"department": personas.other_dept.pk}).content.decode()
    assert "Olu Other" in html and "Sam Staff" not in html
    html = client.get(reverse("user_list"), {"q": "fay"}).content.decode()
    assert "Fay Facilitator" in html and "Mia Manager" not in html


@pytest.mark.parametrize("page", ["999", "-1", "abc", "1e9"])
def test_user_list_bad_page_numbers_never_fail(client, personas, page):
    client.force_login(personas.equity)
    assert client.get(reverse("user_list"), {"page": page}).status_code == 200


def test_lists_show_the_configured_page_size_and_bad_pages_land_on_a_real_page(client, personas, settings):
    settings.LIST_PAGE_SIZE = 4
    client.force_login(personas.equity)
    total = User.objects.count()  # the personas: more than one page of four
    pages = -(-total // 4)
    first = client.get(reverse("user_list"))
    assert len(first.context["page_obj"].object_list) == 4
    assert first.context["page_obj"].paginator.num_pages == pages
    for asked, shown in (("999", pages), ("-1", pages), ("abc", 1), ("2", 2)):
        assert client.get(reverse("user_list"), {"page": asked}).context["page_obj"].number == shown


def test_user_list_query_count_is_constant(client, personas):
    client.force_login(personas.equity)

    def grow():
        departments = DepartmentFactory.create_batch(3)
        for _ in range(30):
            UserFactory(departments=departments)

    assert_constant_queries(client, reverse("user_list"), grow=grow, budget=10)


def test_department_create_and_history(client, personas):
    client.force_login(personas.equity)
    response = client.post(reverse("department_create"), {"name": "Sustainability", "code": "sus", "is_active": "on"})
    assert response.status_code == 302
    department = Department.objects.get(code="SUS")
    assert department.history.get().history_user == personas.equity
    html = client.get(reverse("department_history", args=[department.pk])).content.decode()
    assert "Created" in html and "Eli Equity" in html


def test_department_code_is_validated(client, personas):
    client.force_login(personas.equity)
    response = client.post(reverse("department_create"), {"name": "Bad", "code": "a b!"})
    assert "Use letters, digits and hyphens only." in response.content.decode()
    assert not Department.objects.filter(name="Bad").exists()


def test_profile_update(client, personas):
    client.force_login(personas.staff)
    response = client.post(reverse("profile"), {"preferred_name": "Sammy", "job_title": "Planner II"})
    assert response.status_code == 302
    personas.staff.refresh_from_db()
    assert personas.staff.display_name == "Sammy"
    assert personas.staff.history.first().history_user == personas.staff


def test_dashboard_shows_departments_and_roles(client, personas):
    client.force_login(personas.manager)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Community Development" in html and "Manager" in html


def test_history_page_query_count_is_constant_with_department_changes(client, personas):
    from equity.services import user_update
    from tests.factories import DepartmentFactory

    client.force_login(personas.equity)
    url = reverse("user_history", args=[personas.staff.pk])

    def grow():
        for i in range(6):
            user_update(
                author=personas.equity,
                user=personas.staff,
                job_title=f"Title {i}",
                departments=[personas.dept, DepartmentFactory()],
            )

    assert_constant_queries(client, url, grow=grow, budget=12)


def test_history_shows_department_changes(personas):
    user_update(author=personas.equity, user=personas.staff, departments=[personas.dept, personas.other_dept])
    newest = history_entries(obj=personas.staff)[0]
    assert {c.field: (c.old, c.new) for c in newest.changes}["Departments"] == (
        "Community Development",
        "Community Development, Public Works",
    )
