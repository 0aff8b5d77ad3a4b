"""Migration 0002 seeds the equity areas into the database being migrated (on a scratch database,
tests/migrations.py; the worker's database is refused, so a write through the default manager fails)."""

import pytest

from library.reference import DEFAULT_AREAS

pytestmark = pytest.mark.django_db(databases=[])  # the scratch database only; the worker's is refused


def test_equity_areas_are_created_in_the_migrated_database(scratch_db):
    apps = scratch_db.migrate([("library", "0002_equity_areas_and_search_index")])
    areas = apps.get_model("library", "EquityArea").objects.using(scratch_db.alias).order_by("position")
    assert [(a.code, a.name, a.position) for a in areas] == [
        (code, name, position) for position, (code, name) in enumerate(DEFAULT_AREAS)
    ]
