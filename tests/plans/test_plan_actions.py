"""The plan page shows every result and outcome with its roll-up, outcomes closed; an opened outcome loads a bounded
number of its actions (those needing attention first, ADR 0067); every action is on the paginated, filterable
"Actions of a plan" page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from plans.selectors_tree import PLAN_PAGE_ACTIONS
from tests.plans.factories import ActionFactory, OutcomeFactory, PlanFactory

pytestmark = pytest.mark.django_db

PAST = datetime.date(2020, 1, 31)


def _actions(plan, department, outcome=None, n=1, **fields):
    made = []
    for _ in range(n):
        action = ActionFactory(plan=plan, lead_department=department, **fields)
        if outcome is not None:
            action.outcomes.add(outcome)
        made.append(action)
    return made


def _titles(response, key="page_obj"):
    return [a.title for a in response.context[key]]


def _opened(client, plan, outcome="none"):
    """What htmx loads into an outcome (or the unlinked group) of the plan page when it is opened."""
    return client.get(
        reverse("plans:plan_outcome_actions", args=[plan.pk]), {"outcome": outcome}, HTTP_HX_REQUEST="true"
    )


def test_plan_page_shows_outcomes_closed_with_their_rollups_and_loads_their_actions_when_opened(
    client, personas, world
):
    later = _actions(world.plan, personas.dept, world.outcome, n=PLAN_PAGE_ACTIONS + 3, status="on_track")
    risky = _actions(world.plan, personas.dept, world.outcome, title="Risky", status="at_risk")[0]
    overdue = _actions(world.plan, personas.dept, world.outcome, title="Late", status="on_track", start_date=None,
                       due_date=PAST)[0]  # fmt: skip
    done_late = _actions(world.plan, personas.dept, world.outcome, title="Done", status="completed", start_date=None,
                         due_date=PAST)[0]  # fmt: skip
    client.force_login(personas.staff)
    response = client.get(reverse("plans:plan_detail", args=[world.plan.pk]))
    outcome = response.context["results"][0].outcomes.all()[0]
    total = 1 + len(later) + 3
    assert outcome.rollup.total == total
    body = response.content.decode()
    assert "Risky" not in body  # closed: the actions load when the outcome is opened
    assert f'hx-get="{reverse("plans:plan_outcome_actions", args=[world.plan.pk])}?outcome={world.outcome.pk}"' in body
    # Without JavaScript, opening the outcome shows the link to all its actions.
    assert f"Show all {total} actions of this outcome" in body
    assert f"{reverse('plans:plan_actions', args=[world.plan.pk])}?outcome={world.outcome.pk}" in body

    opened = _opened(client, world.plan, world.outcome.pk)
    shown = [a.pk for a in opened.context["actions"]]
    assert len(shown) == PLAN_PAGE_ACTIONS and opened.context["total"] == total
    assert shown[:2] == [risky.pk, overdue.pk]  # at risk (needs attention in the legend), then overdue
    assert done_late.pk not in shown[:2]  # a completed action is never overdue
    html = opened.content.decode()
    assert "<html" not in html and "(overdue)" in html
    assert f"Show all {total} actions of this outcome" in html


def test_plan_page_small_outcome_and_unlinked_actions(client, personas, world):
    unlinked = _actions(world.plan, personas.other_dept, n=PLAN_PAGE_ACTIONS + 1)
    client.force_login(personas.other_staff)
    response = client.get(reverse("plans:plan_detail", args=[world.plan.pk]))
    body = response.content.decode()
    assert response.context["unlinked_total"] == len(unlinked)
    assert f'hx-get="{reverse("plans:plan_outcome_actions", args=[world.plan.pk])}?outcome=none"' in body
    assert f"Show all {len(unlinked)} actions not linked to an outcome" in body
    opened = _opened(client, world.plan, world.outcome.pk)
    assert world.action.title in opened.content.decode()
    assert "of this outcome" not in opened.content.decode()  # the world's outcome has one action: shown, no link
    opened = _opened(client, world.plan)
    assert len(opened.context["actions"]) == PLAN_PAGE_ACTIONS and opened.context["total"] == len(unlinked)
    assert f"Show all {len(unlinked)} actions not linked to an outcome" in opened.content.decode()
    assert reverse("plans:plan_actions", args=[world.plan.pk]) + "?outcome=none" in opened.content.decode()


def test_plan_outcome_actions_refuses_other_plans_outcomes_and_bad_values(client, personas, world):
    other = OutcomeFactory(statement="Another plan's outcome")
    client.force_login(personas.staff)
    for value in (other.pk, "x", "", "99999999999", "²"):
        assert _opened(client, world.plan, value).status_code == 404
    client.force_login(personas.other_staff)
    assert _opened(client, world.draft).status_code == 404  # a draft of another department: not theirs to read


@pytest.mark.parametrize("persona", ["staff", "manager", "facilitator", "equity", "other_staff", "other_manager"])
def test_plan_actions_page_lists_the_plan_actions_for_every_reader(client, personas, world, persona):
    other_plan = PlanFactory(departments=[personas.other_dept])
    _actions(other_plan, personas.other_dept, title="Elsewhere")
    client.force_login(personas.get(persona))
    response = client.get(reverse("plans:plan_actions", args=[world.plan.pk]))
    assert response.status_code == 200
    assert _titles(response) == [world.action.title]  # only this plan's actions
    draft = client.get(reverse("plans:plan_actions", args=[world.draft.pk]))
    assert draft.status_code == (404 if persona.startswith("other_") else 200)


def test_plan_actions_page_filters(client, personas, world):
    second = OutcomeFactory(result=world.result, statement="Second outcome")
    _actions(world.plan, personas.dept, second, title="Fund rental help", status="at_risk")
    _actions(world.plan, personas.other_dept, title="Repave streets", status="off_track")
    client.force_login(personas.staff)
    url = reverse("plans:plan_actions", args=[world.plan.pk])
    assert _titles(client.get(url, {"outcome": second.pk})) == ["Fund rental help"]
    assert _titles(client.get(url, {"outcome": "none"})) == ["Repave streets"]
    assert _titles(client.get(url, {"status": "off_track"})) == ["Repave streets"]
    assert _titles(client.get(url, {"department": personas.other_dept.pk})) == ["Repave streets"]
    assert _titles(client.get(url, {"q": "RENTAL"})) == ["Fund rental help"]
    other = OutcomeFactory(statement="Another plan's outcome")
    response = client.get(url, {"outcome": other.pk})
    assert response.status_code == 200 and "outcome" in response.context["filters"].errors


def test_plan_actions_page_sorts_by_due_date(client, personas, world):
    today = timezone.localdate()
    _actions(world.plan, personas.dept, title="Early", start_date=None, due_date=today - datetime.timedelta(days=9999))
    _actions(world.plan, personas.dept, title="Late", start_date=None, due_date=today + datetime.timedelta(days=9998))
    _actions(world.plan, personas.dept, title="Risky", status="at_risk", start_date=None,
             due_date=today + datetime.timedelta(days=9999))  # fmt: skip
    client.force_login(personas.staff)
    url = reverse("plans:plan_actions", args=[world.plan.pk])
    assert _titles(client.get(url, {"sort": "due"}))[0] == "Early"
    assert _titles(client.get(url, {"sort": "-due"}))[0] == "Risky"
    attention = _titles(client.get(url, {"sort": "attention"}))
    assert attention[:2] == ["Risky", "Early"]  # at risk first (legend), then overdue (plans.selectors.attention_first)
    assert _titles(client.get(url)) == attention  # needing attention first is the default


def test_plan_actions_page_paginates_and_never_fails_on_bad_pages(client, personas, world, settings):
    settings.LIST_PAGE_SIZE = 50
    _actions(world.plan, personas.dept, n=60, start_date=None, due_date=timezone.localdate())
    client.force_login(personas.staff)
    url = reverse("plans:plan_actions", args=[world.plan.pk])
    first = client.get(url)
    assert len(first.context["page_obj"]) == 50 and first.context["page_obj"].paginator.count == 61
    for page, number in (("999", 2), ("-1", 2), ("x", 1), ("2", 2)):
        response = client.get(url, {"page": page})
        assert response.status_code == 200 and response.context["page_obj"].number == number
    assert len(client.get(url, {"page": 2}).context["page_obj"]) == 11


def test_plan_page_links_to_the_actions_page(client, personas, world):
    client.force_login(personas.staff)
    body = client.get(reverse("plans:plan_detail", args=[world.plan.pk])).content.decode()
    assert reverse("plans:plan_actions", args=[world.plan.pk]) in body
