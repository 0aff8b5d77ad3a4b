"""The practice search on PostgreSQL is answered from the GIN index of migration 0009, not a scan of every row."""

import pytest
from django.db import connection

from library.models import Practice
from library.selectors import practice_search
from tests.library.factories import PracticeFactory

pytestmark = [pytest.mark.needs_postgres, pytest.mark.django_db]


def test_search_uses_the_gin_index():
    for i in range(60):
        PracticeFactory(title=f"Practice {i}", summary="Parks and trails." if i % 10 else "Housing for renters.")
    assert practice_search(qs=Practice.objects.filter(review_state="published"), q="housing renters").count() == 6
    # On 60 rows the planner may rightly prefer reading the table; with scans of the whole table priced out, the
    # only cheap path for the text match must be the GIN index (the plan at city scale uses it by itself).
    qs = practice_search(qs=Practice.objects.all(), q="housing renters")
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE library_practice")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "library_practice_search_vector" in plan, plan


def test_stored_vector_follows_every_write():
    """The vector is a generated column: a save, a queryset update and a bulk insert all keep it current."""
    practice = PracticeFactory(title="Parks for everyone", summary="Trails.")
    published = Practice.objects.filter(review_state="published")
    assert list(practice_search(qs=published, q="housing")) == []
    practice.summary = "Housing for renters."
    practice.save()
    assert list(practice_search(qs=published, q="housing")) == [practice]
    Practice.objects.filter(pk=practice.pk).update(summary="Trails.", tags="eviction")
    assert list(practice_search(qs=published, q="housing")) == []
    assert list(practice_search(qs=published, q="eviction")) == [practice]


def test_title_ranks_above_summary():
    in_title = PracticeFactory(title="Housing first", summary="A program.")
    in_summary = PracticeFactory(title="A program", summary="Housing for renters.")
    found = list(practice_search(qs=Practice.objects.all(), q="housing"))
    assert found == [in_title, in_summary]
