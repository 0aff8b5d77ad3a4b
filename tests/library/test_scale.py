"""The benchmark seeder: city-scale library data is made and then removed exactly, and the bench pages answer."""

import pytest

from bench.pages.library import bench_pages
from bench.scale import library as scale
from bench.scale.core import reset_core, seed_core
from library.models import Narrative, NarrativeSection, NarrativeVersion, Practice
from tests.library.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def test_scale_seed_and_reset_leave_other_records_alone(client, personas):
    mine = PracticeFactory(title="Kept")
    city_narrative = Narrative.objects.create()
    city = seed_core(factor=0.05)
    summary = scale.seed(city)
    assert "practices" in summary and "narratives" in summary
    made = Practice.objects.filter(imported_from=scale.SCALE_SOURCE)
    assert made.count() == 25
    assert len({p.kind for p in made}) > 1 and len({p.status for p in made}) > 1
    assert made.filter(equity_areas__isnull=False).exists() and made.filter(departments__isnull=False).exists()
    narratives = Narrative.objects.filter(department__code__regex=scale.SCALE_DEPARTMENT_CODES)
    assert narratives.exists()
    versions = NarrativeVersion.objects.filter(narrative__in=narratives)
    assert versions.filter(status="published").count() == narratives.count()
    assert (
        versions.filter(status="superseded").exists() and NarrativeSection.objects.filter(version__in=versions).exists()
    )

    client.force_login(personas.equity)
    for _label, _username, path in bench_pages():
        assert client.get(path()).status_code == 200

    scale.reset()
    reset_core()
    assert list(Practice.objects.all()) == [mine]
    assert list(Narrative.objects.all()) == [city_narrative]
    assert not NarrativeVersion.objects.exists() and not NarrativeSection.objects.exists()
    assert not Practice.history.filter(imported_from=scale.SCALE_SOURCE).exists()
