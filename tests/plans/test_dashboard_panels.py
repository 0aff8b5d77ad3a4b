"""The plans dashboard panels: the attention counts equal the department tracking page's (per persona), with the
legend's labels."""

import datetime

import pytest
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from plans.models import Action, ActionStatus, Plan
from plans.selectors_tracking import attention_counts_for_user, department_tracking, tracking_filters
from tests.plans.factories import ActionFactory, PeriodFactory, PlanFactory, UpdateFactory

pytestmark = pytest.mark.django_db


def _tracking_counts(*, managed, today, period):
    live = [Plan.Status.ADOPTED, Plan.Status.ACTIVE]
    base = Action.objects.filter(lead_department__in=managed, plan__status__in=live)
    filters = tracking_filters(today=today, period=period)
    return base.aggregate(**{key: Count("pk", filter=q) for key, q in filters.items()})


@pytest.fixture
def actions(personas):
    """Actions of every status, late, undated and not yet due, with and without this period's update, in an adopted
    plan and a draft one, led by CD; one at risk and late led by PW."""
    today = timezone.localdate()
    period = PeriodFactory(is_open=True)
    live, draft = PlanFactory(), PlanFactory(status=Plan.Status.DRAFT)
    late = today - datetime.timedelta(days=3)
    for plan in (live, draft):
        for status in ActionStatus.values:
            for due in (late, None, today + datetime.timedelta(days=9)):
                action = ActionFactory(plan=plan, lead_department=personas.dept, status=status, due_date=due)
                if due is None:
                    UpdateFactory(action=action, period=period)
    ActionFactory(plan=live, lead_department=personas.other_dept, status=ActionStatus.AT_RISK, due_date=late)
    return period


def test_attention_counts_match_the_tracking_page(personas, actions):
    today = timezone.localdate()
    managed = {personas.dept.pk}
    for with_period in (actions, None):
        counts = attention_counts_for_user(user=personas.manager, today=today, period=with_period)
        assert counts == _tracking_counts(managed=managed, today=today, period=with_period)
    assert counts["at_risk"] == 3 and counts["overdue"] > 0


PERSONAS = ("staff", "manager", "facilitator", "equity", "other_staff", "other_manager")
AT_RISK = {"manager": 3, "other_manager": 1}  # only managers manage departments


@pytest.mark.parametrize("persona", PERSONAS)
def test_attention_counts_are_the_tracking_pages_over_the_managed_departments(personas, actions, persona):
    """The dashboard's selector leaves out the readable-actions filter: it must count what the department tracking
    page's selector counts, summed over the departments the persona manages."""
    user, today = personas.get(persona), timezone.localdate()
    counts = attention_counts_for_user(user=user, today=today, period=actions)
    expected = dict.fromkeys(counts, 0)
    for department in (personas.dept, personas.other_dept):
        if department in user.departments.all() and user.is_manager:
            tracked = department_tracking(user=user, department=department, today=today, period=actions)["counts"]
            expected = {key: expected[key] + tracked[key] for key in expected}
    assert counts == expected
    assert counts["at_risk"] == AT_RISK.get(persona, 0)


def test_attention_panel_shows_the_legends_labels(client, personas):
    ActionFactory(lead_department=personas.dept, status=ActionStatus.AT_RISK)
    client.force_login(personas.manager)
    html = client.get(reverse("dashboard")).content.decode()
    panel = html[html.index('id="panel-attention"') :]
    assert "at_risk" not in panel[:800] and "off_track" not in panel[:800]
