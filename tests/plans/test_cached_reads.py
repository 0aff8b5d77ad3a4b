"""The city-wide reads kept in the shared cache (equity.cached_reads): read once, then from the cache; forgotten as
soon as a row of theirs is written (and again at the commit); per language where they hold translated labels."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from equity import cached_reads
from equity.cache import cache_get, cache_set
from library.selectors import city_narrative_opening, practice_counts
from plans.models import Action, RacialGroup, ReportingPeriod, ScaleLevel, StatusLegendEntry
from plans.selectors import current_reporting_period
from plans.selectors_indicators import group_chart_colours
from plans.selectors_structure import scale_level_labels
from plans.services.structure import scale_level_save
from plans.status import legend
from tests.library.factories import PracticeFactory, grow_versions, published_narrative


def queries(read) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as ctx:
        value = read()
    return len(ctx.captured_queries), value


def test_a_read_is_made_once_then_served_from_the_cache(db):
    assert queries(legend)[0] == 1
    assert queries(legend)[0] == 0
    assert queries(current_reporting_period)[0] == 1
    assert queries(current_reporting_period)[0] == 0


def test_saving_a_legend_row_forgets_the_legend_at_once(db):
    assert legend().label("at_risk") == "At risk"
    entry = StatusLegendEntry.objects.get(status="at_risk")
    entry.label = "Needs support"
    entry.save()
    count, value = queries(legend)
    assert count == 1 and value.label("at_risk") == "Needs support"
    entry.delete()
    assert legend().label("at_risk") == "At risk"  # the built-in label again


def test_the_legend_is_cached_per_language(db):
    with translation.override("es"):
        spanish = legend().label("at_risk")
    english = legend().label("at_risk")
    assert english == "At risk" and spanish != english
    with translation.override("es"):
        assert queries(legend) == (0, legend()) and legend().label("at_risk") == spanish
    with translation.override("en-us"):  # the same portal language as "en": the same cached value
        assert queries(legend)[0] == 0


def test_a_write_forgets_the_read_again_when_it_commits(db, django_capture_on_commit_callbacks):
    """A page that read the old rows between the write and the commit (here: a stale value put back in the cache)
    does not keep them: the commit forgets the read once more."""
    with django_capture_on_commit_callbacks(execute=True):
        period = ReportingPeriod.objects.create(
            name="2026 Q4", start_date=datetime.date(2026, 10, 1), end_date=datetime.date(2026, 12, 31),
            due_date=datetime.date(2027, 1, 15), is_open=True,
        )  # fmt: skip
        cache_set("read:plans.current_period:", "stale", cached_reads.TIMEOUT)
    assert cache_get("read:plans.current_period:", cached_reads.MISSING) is cached_reads.MISSING
    assert current_reporting_period() == period


def test_the_library_counts_and_the_narrative_follow_their_writes(db):
    assert practice_counts()["published"] == 0
    practice = PracticeFactory()
    assert practice_counts()[practice.review_state] == 1
    practice.delete()
    assert sum(practice_counts().values()) == 0
    assert city_narrative_opening() == (None, None)


def test_the_chart_colours_follow_the_groups(db):
    before = group_chart_colours()
    group = RacialGroup.objects.create(name="Another group named by the city", code="OTHER-CITY", sort_order=0)
    after = group_chart_colours()
    assert group.pk in after and group.pk not in before


def test_the_dashboard_shows_a_newly_published_narrative_and_its_new_version(client, personas):
    client.force_login(personas.staff)
    assert "has not been published yet" in client.get(reverse("dashboard")).content.decode()
    narrative = published_narrative(user=personas.equity, title="Our commitment")
    assert "Our commitment" in client.get(reverse("dashboard")).content.decode()
    grow_versions(narrative=narrative, user=personas.equity, count=1)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Version title 0" in page and "Heading 0-0" in page


def test_the_action_page_shows_a_renamed_scale_level_at_once(client, personas, world):
    """The action page reads its priority, effort and impact labels from the cached scale labels (no joins): renaming
    a level through the settings service forgets them, so the next page shows the new label."""
    level = ScaleLevel.objects.get(kind="priority", label="High")
    Action.objects.filter(pk=world.action.pk).update(priority=level, effort=None, impact=None)
    client.force_login(personas.staff)
    url = reverse("plans:action_detail", args=[world.action.pk])
    assert '<dd class="col-sm-9">High</dd>' in client.get(url).content.decode()
    assert queries(scale_level_labels)[0] == 0  # the page left the labels in the cache
    level.label = "Level 1"
    scale_level_save(author=personas.equity, level=level)
    page = client.get(url).content.decode()
    assert '<dd class="col-sm-9">Level 1</dd>' in page and '<dd class="col-sm-9">High</dd>' not in page
    assert page.count('<dd class="col-sm-9">—</dd>') >= 2  # no effort, no impact
