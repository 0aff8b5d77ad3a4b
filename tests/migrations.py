"""Data-migration tests on a scratch database of their own (ADR 0069).

A data-migration test migrates an empty scratch database forward only as far as the migration under test needs (the
executor applies the dependency chain of the targets, a handful of migrations, not the whole project), writes old
rows there with the historical models, migrates forward (and back) and checks them. The worker's test database is
never touched, so the test needs no transaction of its own, no flush and no migrating back to the latest state:

    pytestmark = pytest.mark.django_db(databases=[])  # the blocker lifted; the default database refused


    def test_levels(scratch_db):  # tests/conftest.py: `scratch_database(tmp_path)`
        old = scratch_db.migrate([("plans", "0009_statuses_and_progress")])
        plan = old.get_model("plans", "Plan").objects.using(scratch_db.alias).create(...)
        new = scratch_db.migrate([("plans", "0010_plan_structure")])

Every read and write goes through `.using(scratch_db.alias)`; so do the migrations' own RunPython functions (through
`schema_editor.connection.alias`): with `databases=[]` any query that reaches the default database fails the test.
No `post_migrate` runs on the scratch database, so content types and permissions exist only where the test makes them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps
from django.db.utils import load_backend

SCRATCH_ALIAS = "migration_scratch"

Target = tuple[str, str | None]  # an app label and a migration name, or None for "before the app's first"


@dataclass(frozen=True)
class ScratchDatabase:
    alias: str

    @property
    def connection(self) -> BaseDatabaseWrapper:
        return connections[self.alias]

    def migrate(self, targets: list[Target]) -> StateApps:
        """Migrate the scratch database to `targets` (forwards or backwards); returns the models as of those
        migrations."""
        executor = MigrationExecutor(self.connection)
        executor.migrate(targets)
        return executor.loader.project_state([(app, name) for app, name in targets if name is not None]).apps

    def table_names(self) -> set[str]:
        return set(self.connection.introspection.table_names())


@contextmanager
def scratch_database(directory: Path) -> Iterator[ScratchDatabase]:
    """An empty database on the default database's server (SQLite: a file in `directory`), open as `SCRATCH_ALIAS`
    while the block runs, then closed and removed.

    The connection is registered with `connections` but not added to its settings: Django's test case lets such
    "dynamically created" connections through while it refuses the aliases a test did not ask for."""
    default = connections[DEFAULT_DB_ALIAS]
    settings = {**default.settings_dict, "TEST": {**default.settings_dict["TEST"]}}
    if default.vendor == "sqlite":
        settings["NAME"] = str(directory / "scratch.sqlite3")
    elif default.vendor == "postgresql":
        # One per xdist worker (the test database's name carries the worker's suffix); a test has one at a time.
        settings["NAME"] = f"{default.creation._get_test_db_name()}_scratch"  # type: ignore[attr-defined]
    else:
        raise NotImplementedError(f"no scratch database on {default.vendor}")
    scratch = load_backend(settings["ENGINE"]).DatabaseWrapper(settings, SCRATCH_ALIAS)
    if scratch.vendor == "postgresql":
        _drop_database(scratch)  # one a killed run left behind
        with _server_cursor(scratch) as cursor:
            cursor.execute(f"CREATE DATABASE {scratch.ops.quote_name(settings['NAME'])}")
    connections[SCRATCH_ALIAS] = scratch
    try:
        yield ScratchDatabase(SCRATCH_ALIAS)
    finally:
        scratch.close()
        del connections[SCRATCH_ALIAS]
        if scratch.vendor == "postgresql":
            _drop_database(scratch)


def _drop_database(scratch: BaseDatabaseWrapper) -> None:
    """Drop the scratch database through a connection to the server's maintenance database (with FORCE from
    PostgreSQL 13 on, so a connection left open cannot keep it, nor a server connection slot, alive)."""
    with _server_cursor(scratch) as cursor:
        force = " WITH (FORCE)" if cursor.db.pg_version >= 130000 else ""
        cursor.execute(f"DROP DATABASE IF EXISTS {scratch.ops.quote_name(scratch.settings_dict['NAME'])}{force}")


@contextmanager
def _server_cursor(scratch: BaseDatabaseWrapper) -> Iterator[Any]:
    """A cursor on the server's maintenance database without the portal's statement timeout: creating and dropping a
    database waits for a checkpoint, which on a loaded machine outlasts the timeout meant for page queries (CI
    failed once on the drop)."""
    with scratch._nodb_cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")
        yield cursor
