"""Every role beyond Staff is one User flag, declared once (`equity.models.ROLE_FLAGS`): sign-in grants, the people
list's role filter and the training app read a role's flag from it."""

import pytest
from django.db import models

from equity.accounts.sso.grants import effective_items, role_item
from equity.models import ROLE_FLAGS, Role, User, role_flag
from equity.selectors import user_list_for_user
from tests.factories import UserFactory

FLAGS = [(Role.MANAGER, "is_manager"), (Role.FACILITATOR, "is_facilitator"), (Role.EQUITY_TEAM, "is_equity_team")]


def test_every_role_but_staff_is_a_boolean_flag_of_the_user():
    assert set(ROLE_FLAGS) == set(Role) - {Role.STAFF}
    assert len(set(ROLE_FLAGS.values())) == len(ROLE_FLAGS)
    for flag in ROLE_FLAGS.values():
        assert isinstance(User._meta.get_field(flag), models.BooleanField)


@pytest.mark.parametrize(
    ("value", "flag"), [*((str(role), flag) for role, flag in FLAGS), ("staff", None), ("", None), ("admin", None)]
)
def test_role_flag_reads_a_stored_role(value, flag):
    assert role_flag(value) == flag


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "flag"), FLAGS)
def test_a_role_is_the_same_flag_for_sign_in_grants_and_the_people_list(personas, role, flag):
    holder = UserFactory(username="holder", **{flag: True})
    assert effective_items(user=holder, department_ids=[]) == {role_item(role)}
    listed = list(user_list_for_user(user=personas.equity, role=str(role)))
    assert "holder" in {u.username for u in listed}
    assert all(getattr(u, flag) for u in listed)
