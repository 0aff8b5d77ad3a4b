"""On PostgreSQL, the GIN index behind the assessment lists' full-text search (ADR 0015)."""

from django.db import migrations

# Must match tools.selectors.SEARCH_VECTOR_SQL so PostgreSQL uses it.
INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS tools_assessment_search_gin ON tools_assessment USING gin (("
    "setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(deciding_body, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(geography, '')), 'C')))"
)


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX_SQL)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS tools_assessment_search_gin")


class Migration(migrations.Migration):
    dependencies = [("tools", "0008_question_follow_up_on")]

    operations = [migrations.RunPython(add_index, drop_index)]
