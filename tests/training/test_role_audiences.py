"""A module's audience and a role's requirement pick people by the role's one User flag (`equity.models.ROLE_FLAGS`),
the same in Python, in SQL and in the dashboard's grouped counts."""

from datetime import date, timedelta

import pytest

from equity.models import User
from tests.factories import UserFactory
from tests.training.factories import ModuleFactory
from training.completion_counts import AUDIENCE, FLAGS
from training.models import TrainingRequirement
from training.required_counts import required_conditions
from training.requirements import Person, applies
from training.selectors import module_required_for_person, required_audience_q

pytestmark = pytest.mark.django_db

NAMES = ("plain", "manager", "facilitator", "equity_team")
# audience -> the people it is required of, and the User flag that decides it
AUDIENCES = {
    "all_staff": (set(NAMES), None),
    "managers": ({"manager"}, "is_manager"),
    "facilitators": ({"facilitator"}, "is_facilitator"),
    "equity_team": ({"equity_team"}, "is_equity_team"),
    "none": (set(), None),
}


@pytest.fixture
def people():
    """One person per role, holding only that role's flag, and one holding none."""
    return {name: UserFactory(username=name, **({} if name == "plain" else {f"is_{name}": True})) for name in NAMES}


def _picked(q) -> set[str]:
    return set() if q is None else set(User.objects.filter(q, username__in=NAMES).values_list("username", flat=True))


@pytest.mark.parametrize(("audience", "expected"), AUDIENCES.items())
def test_a_module_audience_picks_the_roles_flag(people, audience, expected):
    names, flag = expected
    module = ModuleFactory(required_for=audience)
    assert _picked(required_audience_q(module=module)) == names
    assert {n for n, person in people.items() if module_required_for_person(module=module, person=person)} == names
    if audience in AUDIENCE:
        position = AUDIENCE[audience]
        assert (None if position is None else FLAGS[position]) == (flag and f"user__{flag}")


@pytest.mark.parametrize("role", ["manager", "facilitator", "equity_team"])
def test_a_role_requirement_applies_to_the_roles_flag(people, role):
    start = date(2026, 1, 1)
    requirement = TrainingRequirement.objects.create(
        module=ModuleFactory(), scope=TrainingRequirement.Scope.ROLE, role=role, due_days=30, effective_from=start
    )
    conditions = required_conditions(requirements=[requirement], today=start + timedelta(days=60), soon_days=30)
    assert _picked(conditions["required"]) == {role}
    as_persons = {
        name: Person(pk=u.pk, full_name=u.full_name, is_manager=u.is_manager, is_facilitator=u.is_facilitator,
                     is_equity_team=u.is_equity_team, joined=start, hire_date=None, department_ids=frozenset())
        for name, u in people.items()
    }  # fmt: skip
    assert {name for name, person in as_persons.items() if applies(requirement=requirement, person=person)} == {role}
