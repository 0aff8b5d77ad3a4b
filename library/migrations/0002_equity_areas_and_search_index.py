"""Seed the equity areas and, on PostgreSQL, add the GIN index behind the practice library's full-text search."""

from django.db import migrations

# Must match library.selectors.SEARCH_VECTOR_SQL so PostgreSQL uses it.
INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS library_practice_search_gin ON library_practice USING gin (("
    "setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(tags, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(summary, '')), 'C') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(evidence, '')), 'D') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(jurisdiction_name, '')), 'D')))"
)


def seed_areas(apps, schema_editor):
    from library.reference import equity_areas_load

    equity_areas_load(apps=apps, using=schema_editor.connection.alias)


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX_SQL)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS library_practice_search_gin")


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [
        migrations.RunPython(seed_areas, migrations.RunPython.noop),
        migrations.RunPython(add_index, drop_index),
    ]
