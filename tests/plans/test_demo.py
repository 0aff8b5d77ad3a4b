"""The plans demo data gives every page something real to show."""

import pytest
from django.core.management import call_command

from plans.models import Action, ActionStatus, Indicator, Plan, ProgressUpdate

pytestmark = pytest.mark.django_db


def test_demo_plan_has_required_content(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    plan = Plan.objects.get(scope=Plan.Scope.CITYWIDE)
    assert plan.results.count() >= 3
    indicators = Indicator.objects.filter(results__plan=plan)
    assert indicators.count() == 6
    for indicator in indicators:
        points = indicator.data_points.all()
        assert len({p.year for p in points}) >= 5 and len({p.group_id for p in points}) >= 5
    actions = Action.objects.filter(plan=plan)
    assert actions.count() == 20
    assert set(actions.values_list("status", flat=True)) == set(ActionStatus.values)
    assert actions.values("lead_department").distinct().count() >= 8
    assert ProgressUpdate.objects.filter(action__plan=plan).exists()
    assert actions.filter(measures__isnull=False).exists()
    assert Plan.objects.filter(status=Plan.Status.DRAFT).exists()
