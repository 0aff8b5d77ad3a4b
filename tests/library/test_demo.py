"""The library's demo data: a narrative with the history of government and race, a dozen practices, idempotent."""

import pytest

from equity.demo import seed_core
from library.demo import seed
from library.models import (
    Narrative,
    NarrativeSection,
    NarrativeVersion,
    Practice,
    PracticeAdoption,
    PracticeAttachment,
    PracticeStrategy,
)
from library.selectors import narrative_published_for_city
from plans.demo import seed as seed_plans
from tools.demo import seed as seed_tools

pytestmark = pytest.mark.django_db


def _counts():
    return [
        m.objects.count()
        for m in (
            Narrative,
            NarrativeVersion,
            NarrativeSection,
            Practice,
            PracticeAdoption,
            PracticeAttachment,
            PracticeStrategy,
        )
    ]


def test_demo_seed_is_complete_and_idempotent():
    city = seed_core()
    seed_plans(city)
    seed_tools(city)
    seed(city)
    first = _counts()
    seed(city)
    assert _counts() == first
    version = narrative_published_for_city()
    headings = [s.heading for s in version.sections.all()]
    assert "The history of government and race" in headings
    history = version.sections.get(heading="The history of government and race").body
    for stage in ("Initially explicit", "race-neutral", "Government for racial equity"):
        assert stage in history
    published = Practice.objects.filter(review_state="published")
    assert published.count() >= 12
    assert set(published.values_list("kind", flat=True)) == {"policy", "practice", "program", "budget"}
    assert Practice.objects.filter(review_state="suggested").exists()
    assert PracticeAdoption.objects.count() == 4
    assert PracticeStrategy.objects.count() == 2
