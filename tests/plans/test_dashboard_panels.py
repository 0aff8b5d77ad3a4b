"""The plans dashboard panels: the attention counts equal the department tracking page's, with the legend's labels."""

import datetime

import pytest
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from plans.dashboard import attention_counts
from plans.models import Action, ActionStatus, Plan
from plans.selectors_tracking import tracking_filters
from tests.plans.factories import ActionFactory, PeriodFactory, PlanFactory, UpdateFactory

pytestmark = pytest.mark.django_db


def _tracking_counts(*, managed, today, period):
    live = [Plan.Status.ADOPTED, Plan.Status.ACTIVE]
    base = Action.objects.filter(lead_department__in=managed, plan__status__in=live)
    filters = tracking_filters(today=today, period=period)
    return base.aggregate(**{key: Count("pk", filter=q) for key, q in filters.items()})


def test_attention_counts_match_the_tracking_page(personas):
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
    managed = {personas.dept.pk}
    for with_period in (period, None):
        counts = attention_counts(managed=managed, today=today, period=with_period)
        assert counts == _tracking_counts(managed=managed, today=today, period=with_period)
    assert counts["at_risk"] == 3 and counts["overdue"] > 0


def test_attention_panel_shows_the_legends_labels(client, personas):
    ActionFactory(lead_department=personas.dept, status=ActionStatus.AT_RISK)
    client.force_login(personas.manager)
    html = client.get(reverse("dashboard")).content.decode()
    panel = html[html.index('id="panel-attention"') :]
    assert "at_risk" not in panel[:800] and "off_track" not in panel[:800]
