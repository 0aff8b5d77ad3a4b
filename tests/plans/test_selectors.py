"""Which plans, actions, indicators and updates each persona reads: the plans selectors as a table."""

import pytest
from django.contrib.auth.models import AnonymousUser

from plans.models import Indicator, Plan
from plans.selectors import action_list_for_user, plan_list_for_user, update_list_for_user
from plans.selectors_indicators import indicator_list_for_user, indicator_results_for_user
from tests.plans.factories import ActionFactory, IndicatorFactory, PlanFactory, ResultFactory, UpdateFactory

pytestmark = pytest.mark.django_db

ALL = {"CD active", "CD draft", "PW draft", "PW draft owned by Mia"}
# Non-draft plans are read by every signed-in person; drafts by their departments' members, their owner and the
# equity team (the personas' `dept` is CD, `other_dept` PW; Mia is the CD manager).
VISIBLE = {
    "anonymous": set(),
    "staff": {"CD active", "CD draft"},
    "manager": {"CD active", "CD draft", "PW draft owned by Mia"},
    "facilitator": {"CD active", "CD draft"},
    "equity": ALL,
    "other_staff": {"CD active", "PW draft", "PW draft owned by Mia"},
    "other_manager": {"CD active", "PW draft", "PW draft owned by Mia"},
}


@pytest.fixture
def plans(personas):
    draft = {"status": Plan.Status.DRAFT, "adopted_on": None}
    made = [
        PlanFactory(title="CD active", departments=[personas.dept]),
        PlanFactory(title="CD draft", departments=[personas.dept], **draft),
        PlanFactory(title="PW draft", departments=[personas.other_dept], **draft),
        PlanFactory(title="PW draft owned by Mia", departments=[personas.other_dept], owner=personas.manager, **draft),
    ]
    for plan in made:  # one of everything below each plan, named after it
        action = ActionFactory(plan=plan, title=plan.title, lead_department=plan.departments.first())
        UpdateFactory(action=action, author=personas.staff, summary=plan.title)
        IndicatorFactory(result=ResultFactory(plan=plan), name=plan.title)
    return made


def _user(personas, persona):
    return personas.get(persona) or AnonymousUser()


@pytest.mark.parametrize(("persona", "expected"), VISIBLE.items())
def test_plans_each_persona_reads(personas, plans, persona, expected):
    assert {p.title for p in plan_list_for_user(user=_user(personas, persona))} == expected


@pytest.mark.parametrize(("persona", "expected"), VISIBLE.items())
def test_actions_and_updates_follow_their_plan(personas, plans, persona, expected):
    user = _user(personas, persona)
    assert {a.title for a in action_list_for_user(user=user)} == expected
    assert {u.summary for u in update_list_for_user(user=user)} == expected


@pytest.mark.parametrize(("persona", "expected"), VISIBLE.items())
def test_indicators_are_city_wide_but_their_uses_follow_the_plan(personas, plans, persona, expected):
    """Every signed-in person reads every indicator (ADR 0036); which plans use one, only as far as they read them."""
    user = _user(personas, persona)
    assert {i.name for i in indicator_list_for_user(user=user)} == (ALL if persona != "anonymous" else set())
    shared = Indicator.objects.get(name="CD active")
    for plan in plans[1:]:
        shared.results.add(plan.results.get())
    assert {r.plan.title for r in indicator_results_for_user(user=user, indicator=shared)} == expected
