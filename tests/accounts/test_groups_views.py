"""The mapping table's pages and the people, profile and security pages' access by source."""

from typing import cast

import pytest
from django.urls import reverse

from equity.accounts.sso.access import access_from_groups
from equity.models import GroupMapping, Role, User
from equity.services import user_update
from tests.factories import DepartmentFactory, UserFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

MANAGERS = "SLP-CommDev-Managers"


def _line(**overrides):
    data = {"group": MANAGERS, "department": "", "role": "manager", "note": ""}
    return {**data, **overrides}


def test_equity_team_adds_a_mapping(client, personas):
    client.force_login(personas.equity)
    response = client.post(reverse("group_mapping_create"), _line(department=personas.dept.pk, note="Managers"))
    assert response.status_code == 302
    mapping = GroupMapping.objects.get()
    assert (mapping.group, mapping.department, mapping.role) == (MANAGERS, personas.dept, Role.MANAGER)
    assert mapping.history.get().history_user == personas.equity


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_line(role=""), "Choose a department, a role, or both."),
        (_line(group=""), "This field is required."),
        (_line(group="g" * 257), "at most 256 characters"),
        (_line(role="admin"), "Select a valid choice."),
    ],
)
def test_a_bad_line_shows_field_errors_and_saves_nothing(client, personas, data, message):
    client.force_login(personas.equity)
    response = client.post(reverse("group_mapping_create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and message in html
    assert not GroupMapping.objects.exists()


def test_a_duplicate_is_refused_clearly(client, personas):
    GroupMapping.objects.create(group=MANAGERS, role=Role.MANAGER)
    client.force_login(personas.equity)
    response = client.post(reverse("group_mapping_create"), _line())
    assert "This group already gives this role." in response.content.decode()
    assert GroupMapping.objects.count() == 1


def test_a_stale_edit_is_refused_with_409(client, personas):
    mapping = GroupMapping.objects.create(group=MANAGERS, role=Role.MANAGER, revision=2)
    client.force_login(personas.equity)
    response = client.post(reverse("group_mapping_update", args=[mapping.pk]), _line(note="late", revision=1))
    assert response.status_code == 409
    assert "Your changes were not saved" in response.content.decode()
    mapping.refresh_from_db()
    assert mapping.note == ""
    missing = client.post(reverse("group_mapping_update", args=[mapping.pk]), _line(note="no revision"))
    assert missing.status_code == 409


def test_delete_asks_first_then_removes(client, personas):
    mapping = GroupMapping.objects.create(group=MANAGERS, role=Role.MANAGER)
    client.force_login(personas.equity)
    page = client.get(reverse("group_mapping_delete", args=[mapping.pk]))
    assert "Remove the mapping for SLP-CommDev-Managers" in page.content.decode()
    assert GroupMapping.objects.exists()
    stale = client.post(reverse("group_mapping_delete", args=[mapping.pk]), {"revision": 5})
    assert stale.status_code == 409 and GroupMapping.objects.exists()
    response = client.post(reverse("group_mapping_delete", args=[mapping.pk]), {"revision": 1})
    assert response.status_code == 302 and not GroupMapping.objects.exists()


def test_the_list_filters_and_is_linked_from_people(client, personas):
    GroupMapping.objects.create(group=MANAGERS, department=personas.dept, role=Role.MANAGER)
    GroupMapping.objects.create(group="SLP-PublicWorks-Staff", department=personas.other_dept)
    client.force_login(personas.equity)
    html = client.get(reverse("group_mapping_list"), {"role": "manager"}).content.decode()
    assert MANAGERS in html and "SLP-PublicWorks-Staff" not in html
    html = client.get(reverse("group_mapping_list"), {"q": "publicworks"}).content.decode()
    assert MANAGERS not in html and "SLP-PublicWorks-Staff" in html
    assert reverse("group_mapping_list") in client.get(reverse("user_list")).content.decode()


def _group_member(personas) -> User:
    GroupMapping.objects.create(group=MANAGERS, department=personas.dept, role=Role.MANAGER)
    person = cast(User, UserFactory(full_name="Gia Group", departments=[personas.other_dept]))
    access_from_groups(user=person, claims={"groups": [MANAGERS]}, request=None)
    return User.objects.get(pk=person.pk)


def test_people_page_shows_sources_and_edits_hand_given_only(client, personas):
    person = _group_member(personas)
    client.force_login(personas.equity)
    url = reverse("user_update", args=[person.pk])
    html = client.get(url).content.decode()
    assert 'Manager <span class="text-body-secondary">(from group SLP-CommDev-Managers)' in html
    assert 'Public Works <span class="text-body-secondary">(given in the portal)' in html
    assert 'name="is_manager" class' in html and 'name="is_manager" checked' not in html  # not hand-given
    data = {"full_name": "Gia Group", "email": person.email, "departments": [], "is_facilitator": "on"}
    assert client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert person.is_manager and person.is_facilitator
    assert set(person.departments.values_list("name", flat=True)) == {"Community Development"}


def test_profile_and_security_pages_show_sources(client, personas):
    person = _group_member(personas)
    client.force_login(person)
    for name in ("profile", "account_security"):
        html = client.get(reverse(name)).content.decode()
        assert "from group SLP-CommDev-Managers" in html and "given in the portal" in html
    assert "No city account is linked" in client.get(reverse("account_security")).content.decode()


def test_mapping_list_queries_are_constant(client, personas):
    client.force_login(personas.equity)

    def grow():
        for n in range(30):
            GroupMapping.objects.create(group=f"G{n}", department=DepartmentFactory(), role=Role.FACILITATOR)

    GroupMapping.objects.create(group="G", department=personas.dept)
    assert_constant_queries(client, reverse("group_mapping_list"), grow, budget=12)


def test_people_edit_page_queries_are_constant(client, personas):
    person = _group_member(personas)
    client.force_login(personas.equity)

    def grow():
        for n in range(15):
            department = DepartmentFactory()
            GroupMapping.objects.create(group=f"G{n}", department=department, role=Role.FACILITATOR)
        groups = [MANAGERS, *(f"G{n}" for n in range(15))]
        access_from_groups(user=person, claims={"groups": groups}, request=None)
        user_update(author=personas.equity, user=person, departments=list(DepartmentFactory.create_batch(5)))

    assert_constant_queries(client, reverse("user_update", args=[person.pk]), grow, budget=20)
