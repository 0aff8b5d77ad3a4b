"""The benchmark seeder: city-scale assessments are made, look like real ones, and are removed exactly."""

import pytest

from bench.pages.tools import bench_pages
from bench.scale import tools as scale
from bench.scale.core import reset_core, seed_core
from tests.tools.factories import AssessmentFactory
from tools.models import Answer, Assessment, Review, StepComment, Template, Transition

pytestmark = pytest.mark.django_db


def test_scale_seed_and_reset(client, personas):
    own = AssessmentFactory(department=personas.dept, lead=personas.staff)
    city = seed_core(factor=0.01)
    summary = scale.seed(city)
    assert "assessments" in summary and "answers" in summary
    made = Assessment.objects.exclude(pk=own.pk)
    assert made.count() == 20
    assert Answer.objects.filter(assessment__in=made).count() >= 20 * 6
    completed = made.filter(status=Assessment.Status.COMPLETED)
    if completed.exists():
        assert Transition.objects.filter(assessment__in=completed, action="approved").count() == completed.count()
        assert Review.objects.filter(assessment__in=completed, decision="approved").count() == completed.count()
    years = {a.created_at.year for a in made}
    assert len(years) > 1 and min(years) >= 2021
    assert Template.objects.filter(slug=scale.SCALE_SLUG).exists()
    client.force_login(personas.equity)
    for _label, _username, path in bench_pages():
        assert client.get(path()).status_code == 200
    scale.reset()
    reset_core()
    assert list(Assessment.objects.all()) == [own]
    assert not Answer.objects.exists() and not Transition.objects.exists() and not StepComment.objects.exists()
    assert not Template.objects.filter(slug=scale.SCALE_SLUG).exists()
    assert set(Assessment.history.values_list("id", flat=True)) == {own.pk}
    assert not Answer.history.exists() and not Review.history.exists()
