"""Moving the test database between migrations: the data-migration tests go back to a state, write old rows, then
come forward again."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(targets):
    """Migrate to `targets` (pairs of app label and migration name, or None for "before the app's first"); returns
    the models as of those migrations."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def migrate_to_latest() -> None:
    """Bring every app back to its newest migration (the state the other tests expect)."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
