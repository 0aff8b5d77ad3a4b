"""The benchmark seeder: city-scale plans data is made, its pages answer, and reset removes exactly it."""

import pytest

from bench.pages.plans import bench_pages
from bench.scale import plans as scale
from bench.scale.core import reset_core, seed_core
from plans.models import (
    Action,
    Indicator,
    IndicatorDataPoint,
    MeasureDataPoint,
    Milestone,
    PerformanceMeasure,
    Plan,
    ProgressUpdate,
    Result,
)
from tests.plans.factories import ActionFactory, PlanFactory

pytestmark = pytest.mark.django_db

MODELS = [Plan, Result, Indicator, IndicatorDataPoint, Action, ProgressUpdate, Milestone, PerformanceMeasure,
          MeasureDataPoint]  # fmt: skip


def _counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS} | {
        f"history {m.__name__}": m.history.count() for m in MODELS
    }


def test_scale_seed_and_reset_remove_exactly_what_was_made(client, personas):
    kept_plan = PlanFactory()
    ActionFactory(plan=kept_plan)
    before = _counts()
    city = seed_core(factor=0.02)
    summary = scale.seed(city)
    assert "actions" in summary
    made = Plan.objects.filter(title__startswith=scale.SCALE_PREFIX)
    assert made.count() == 3 and made.filter(scope=Plan.Scope.CITYWIDE).count() == 1
    assert Result.objects.filter(plan__in=made).count() == 15
    assert Indicator.objects.filter(results__plan__in=made).count() == 60
    assert IndicatorDataPoint.objects.filter(indicator__results__plan__in=made).count() == 60 * 5 * 7
    actions = Action.objects.filter(plan__in=made)
    assert actions.count() == 100
    assert ProgressUpdate.objects.filter(action__in=actions).count() == 1000
    assert Milestone.objects.filter(action__in=actions).count() == 300
    assert MeasureDataPoint.objects.filter(measure__action__in=actions).count() == 400
    years = {d.year for d in ProgressUpdate.objects.filter(action__in=actions).values_list("created_at", flat=True)}
    assert len(years) >= 3, "updates spread over years like real reporting"
    assert ProgressUpdate.history.filter(action_id__in=actions.values("pk")).count() == 1000

    client.force_login(personas.equity)
    for label, _username, path in bench_pages():
        assert client.get(path()).status_code == 200, label

    scale.reset()
    reset_core()
    assert _counts() == before
    assert Plan.objects.filter(pk=kept_plan.pk).exists() and kept_plan.actions.count() == 1


def test_reset_without_scale_data_changes_nothing():
    PlanFactory()
    before = _counts()
    scale.reset()
    assert _counts() == before
