"""Group claims -> departments and roles: the union with hand-given access, removal at the next sign-in, the table."""

import logging

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from equity.accounts.sso.access import MAX_GROUPS, REASON, access_from_groups, groups_from_claims
from equity.accounts.sso.mappings import group_mapping_create, group_mapping_delete, group_mapping_update
from equity.accounts.sso.sources import access_by_source_for_user
from equity.audit import history_entries
from equity.concurrency import StaleEdit
from equity.models import AccessGrant, GroupMapping, Role, SecurityEvent, User
from equity.services import user_update
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db

MANAGERS = "SLP-CommDev-Managers"
EQUITY_TEAM = "SLP-RacialEquity-Team"


@pytest.fixture
def table(personas):
    """SLP-CommDev-Managers -> Community Development + Manager; SLP-RacialEquity-Team -> Equity team."""
    group_mapping_create(author=personas.equity, group=MANAGERS, department=personas.dept, role=Role.MANAGER)
    group_mapping_create(author=personas.equity, group=EQUITY_TEAM, department=None, role=Role.EQUITY_TEAM)
    return personas


def _sign_in(user: User, *groups: str) -> User:
    access_from_groups(user=user, claims={"sub": "x", "groups": list(groups)}, request=None)
    return User.objects.get(pk=user.pk)


def _departments(user: User) -> set[str]:
    return set(user.departments.values_list("name", flat=True))


def test_groups_give_the_mapped_department_and_role(table):
    newcomer = UserFactory()
    user = _sign_in(newcomer, MANAGERS, "Some-Other-Group")
    assert user.is_manager and not user.is_equity_team
    assert _departments(user) == {"Community Development"}
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.ACCESS_FROM_GROUPS, user=user)
    assert "Manager" in event.detail and "Community Development" in event.detail
    reasons = [entry.reason for entry in history_entries(obj=user)]
    assert REASON in reasons


def test_group_access_goes_at_the_next_sign_in_without_the_group(table):
    user = _sign_in(UserFactory(), MANAGERS, EQUITY_TEAM)
    assert user.is_manager and user.is_equity_team
    user = _sign_in(user, EQUITY_TEAM)
    assert not user.is_manager and user.is_equity_team
    assert _departments(user) == set()
    assert "removed: Manager, Community Development" in SecurityEvent.objects.filter(user=user).first().detail


def test_hand_given_access_is_never_taken_by_groups(table):
    user = UserFactory(departments=[table.other_dept])
    user_update(author=table.equity, user=user, is_manager=True, departments=[table.other_dept, table.dept])
    user = _sign_in(user, MANAGERS)
    user = _sign_in(user)  # the group is gone: what was given by hand stays
    assert user.is_manager
    assert _departments(user) == {"Community Development", "Public Works"}


def test_factory_users_keep_their_flags_as_hand_given(table):
    """Users made before single sign-on (flags set directly, no grant rows) keep everything."""
    manager = table.manager
    assert not AccessGrant.objects.filter(user=manager).exists()
    user = _sign_in(manager, EQUITY_TEAM)
    assert user.is_manager and user.is_equity_team and _departments(user) == {"Community Development"}
    access = access_by_source_for_user(person=user)
    assert [(a.name, a.by_hand, a.groups) for a in access.roles] == [
        ("Manager", True, []),
        ("Equity team", False, [EQUITY_TEAM]),
    ]
    assert _sign_in(user).is_manager


def test_a_user_never_signed_in_through_the_provider_is_unchanged(personas):
    assert access_by_source_for_user(person=personas.facilitator).roles[0].by_hand
    user_update(author=personas.equity, user=personas.facilitator, job_title="Lead")
    user = User.objects.get(pk=personas.facilitator.pk)
    assert user.is_facilitator and _departments(user) == {"Community Development"}


def test_hand_edit_keeps_group_access_and_the_union_holds(table):
    user = _sign_in(UserFactory(), MANAGERS)
    user_update(author=table.equity, user=user, is_manager=False, is_facilitator=True, departments=[])
    user = User.objects.get(pk=user.pk)
    assert user.is_manager and user.is_facilitator  # Manager still comes from the group
    assert _departments(user) == {"Community Development"}
    user = _sign_in(user)
    assert not user.is_manager and user.is_facilitator and _departments(user) == set()


def test_access_both_by_hand_and_from_a_group_survives_either_going(table):
    user = _sign_in(UserFactory(), MANAGERS)
    user_update(author=table.equity, user=user, is_manager=True)
    access = access_by_source_for_user(person=user)
    assert [(a.name, a.by_hand, a.groups) for a in access.roles] == [("Manager", True, [MANAGERS])]
    assert _sign_in(user).is_manager


def test_a_flag_set_directly_is_kept_as_hand_given(table):
    user = _sign_in(UserFactory(), MANAGERS)
    User.objects.filter(pk=user.pk).update(is_facilitator=True)  # e.g. the admin site
    assert _sign_in(user).is_facilitator


def test_no_change_records_no_event(table):
    user = _sign_in(UserFactory(), MANAGERS)
    before = SecurityEvent.objects.count()
    rows = user.history.count()
    _sign_in(user, MANAGERS)
    assert SecurityEvent.objects.count() == before and user.history.count() == rows


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ({}, set()),
        ({"groups": MANAGERS}, {MANAGERS}),
        ({"groups": [f" {MANAGERS} ", 7, "", "x" * 257]}, {MANAGERS}),
        ({"groups": {"a": 1}}, None),
        ({"groups": ["g"] * (MAX_GROUPS + 1)}, None),
        ({"_claim_names": {"groups": "src1"}}, None),
    ],
)
def test_groups_claim_reading(claims, expected):
    assert groups_from_claims(claims=claims) == expected


@override_settings(SSO_GROUPS_CLAIM="roles")
def test_the_groups_claim_name_is_a_setting(table):
    user = UserFactory()
    access_from_groups(user=user, claims={"roles": [EQUITY_TEAM], "groups": [MANAGERS]}, request=None)
    user.refresh_from_db()
    assert user.is_equity_team and not user.is_manager


def test_an_oversized_claim_leaves_access_as_it_was(table, caplog):
    user = _sign_in(UserFactory(), MANAGERS)
    with caplog.at_level(logging.WARNING):
        access_from_groups(user=user, claims={"groups": [MANAGERS] * (MAX_GROUPS + 1)}, request=None)
    assert "over 1000" in caplog.text
    assert User.objects.get(pk=user.pk).is_manager


def test_mapping_create_refuses_duplicates_and_empty_lines(table):
    with pytest.raises(ValidationError, match="already gives"):
        group_mapping_create(author=table.equity, group=MANAGERS, department=table.dept, role=Role.MANAGER)
    with pytest.raises(ValidationError, match="already gives this role"):
        group_mapping_create(author=table.equity, group=EQUITY_TEAM, department=None, role=Role.EQUITY_TEAM)
    with pytest.raises(ValidationError, match="Choose a department, a role, or both"):
        group_mapping_create(author=table.equity, group="Empty", department=None, role="")
    assert GroupMapping.objects.count() == 2


def test_mapping_services_are_for_the_equity_team(table):
    mapping = GroupMapping.objects.get(group=MANAGERS)
    with pytest.raises(PermissionDenied):
        group_mapping_create(author=table.manager, group="G", department=table.dept, role="")
    with pytest.raises(PermissionDenied):
        group_mapping_delete(author=table.manager, mapping=mapping, revision=mapping.revision)
    assert GroupMapping.objects.count() == 2


def test_mapping_update_is_audited_and_refuses_a_stale_form(table):
    mapping = GroupMapping.objects.get(group=MANAGERS)
    other = DepartmentFactory(name="Engineering")
    group_mapping_update(
        author=table.equity, mapping=mapping, revision=1, group=MANAGERS, department=other, role="", note="moved"
    )
    mapping.refresh_from_db()
    assert mapping.revision == 2 and mapping.history.first().history_user == table.equity
    with pytest.raises(StaleEdit):
        group_mapping_update(
            author=table.equity, mapping=mapping, revision=1, group=MANAGERS, department=None, role="manager"
        )
    with pytest.raises(StaleEdit):
        group_mapping_delete(author=table.equity, mapping=mapping, revision=1)
    group_mapping_delete(author=table.equity, mapping=mapping, revision=2)
    assert mapping.history.filter(history_type="-").get().history_user == table.equity
