"""On PostgreSQL, a stored search vector for practices: a generated column kept by the database on every write (form,
service, import, bulk insert, raw UPDATE alike), filled for existing rows when it is added, with a GIN index on it.

It replaces migration 0002's expression index: a match on the expression made the planner recompute the weighted
`to_tsvector` of every candidate row when it chose another index, 310-446 ms for a common word at city scale
(ADR 0066). SQLite has no column: its search is the plain match of library.selectors.practice_search.
"""

from django.db import migrations

# The weights of the search (title A, tags B, summary C, evidence and jurisdiction D), as migration 0002 had them.
VECTOR_SQL = (
    "setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(tags, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(summary, '')), 'C') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(evidence, '')), 'D') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(jurisdiction_name, '')), 'D')"
)
OLD_INDEX_SQL = "CREATE INDEX IF NOT EXISTS library_practice_search_gin ON library_practice USING gin ((" + VECTOR_SQL + "))"


def add_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE library_practice ADD COLUMN IF NOT EXISTS search_vector tsvector "
        f"GENERATED ALWAYS AS ({VECTOR_SQL}) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS library_practice_search_vector ON library_practice USING gin (search_vector)"
    )
    schema_editor.execute("DROP INDEX IF EXISTS library_practice_search_gin")
    schema_editor.execute("ANALYZE library_practice")


def drop_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(OLD_INDEX_SQL)
    schema_editor.execute("DROP INDEX IF EXISTS library_practice_search_vector")
    schema_editor.execute("ALTER TABLE library_practice DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("library", "0008_exchange_import_recovery")]

    operations = [migrations.RunPython(add_vector, drop_vector, elidable=False)]
