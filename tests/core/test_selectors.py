"""Which departments and people each persona sees: the core selectors as a table. (Personas: Sam staff, Mia
manager and Fay facilitator of CD; Eli of the equity team, Olu staff and Omar manager of PW.)"""

import pytest

from equity.models import User
from equity.selectors import department_list_for_user, user_get_for_user, user_list_for_user
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db

SIGNED_IN = ("staff", "manager", "facilitator", "equity", "other_staff", "other_manager")
# Active departments for everyone; closed ones for the equity team too.
DEPARTMENTS = {persona: {"CD", "PW"} for persona in SIGNED_IN} | {"equity": {"CD", "PW", "OLD"}}
# The people list is the equity team's; everyone else finds only themselves in it.
PEOPLE = {persona: {persona} for persona in SIGNED_IN} | {"equity": {*SIGNED_IN, "retired"}}


@pytest.mark.parametrize(("persona", "expected"), DEPARTMENTS.items())
def test_departments_each_persona_sees(personas, persona, expected):
    DepartmentFactory(name="Old department", code="OLD", is_active=False)
    assert {d.code for d in department_list_for_user(user=personas.get(persona))} == expected


@pytest.mark.parametrize(("persona", "expected"), PEOPLE.items())
def test_people_each_persona_sees(personas, persona, expected):
    retired = UserFactory(username="retired", is_active=False)
    user = personas.get(persona)
    assert {u.username for u in user_list_for_user(user=user)} == expected
    if persona == "equity":
        assert user_get_for_user(user=user, pk=retired.pk) == retired
    else:
        with pytest.raises(User.DoesNotExist):
            user_get_for_user(user=user, pk=retired.pk)
