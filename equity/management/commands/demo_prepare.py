"""What `make run` does before serving, in one process (each Django start costs about 2 s of CPU): compile the
catalogs whose .po changed, apply pending migrations (none pending: a look at the migration graph, no `migrate`), and
load what the demo lacks (`seed_demo`, which finds what is there and adds nothing). ADR 0063.

A new, empty SQLite file (the embedded default's first start) gets its tables from the models, as the SQLite test
databases do, and every migration on disk recorded as applied: replaying about 400 migration operations cost 50 s of
CPU on a slow 2-core machine, nearly all of it Django rendering model states (ADR 0077)."""

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import override_settings


def pending_migrations(database: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The migrations `migrate` would apply, as "app.name" (what `migrate --check` looks at, without a new process)."""
    executor = MigrationExecutor(connections[database])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def is_new_sqlite_database(database: str = DEFAULT_DB_ALIAS) -> bool:
    """An SQLite database with no table at all (a file `make run` has just created)."""
    connection = connections[database]
    return connection.vendor == "sqlite" and not connection.introspection.table_names()


def create_from_models(database: str = DEFAULT_DB_ALIAS, **options) -> None:
    """The tables of every app from its models (`migrate --run-syncdb` with migrations turned off, which sends
    post_migrate: content types, permissions and each app's reference rows, `ensure_reference_data`), then every
    migration on disk recorded as applied, so later migrations apply as usual."""
    with override_settings(MIGRATION_MODULES={app.label: None for app in apps.get_app_configs()}):
        call_command("migrate", database=database, run_syncdb=True, interactive=False, skip_checks=True, **options)
    record_every_migration_applied(connections[database])


def record_every_migration_applied(connection) -> None:
    """Record every migration on disk as applied on `connection` (a database whose tables came from the models: the
    new demo database here, the SQLite test databases in tests/conftest.py)."""
    recorder = MigrationRecorder(connection)
    recorder.ensure_schema()
    applied = set(recorder.applied_migrations())
    on_disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    recorder.migration_qs.bulk_create(
        recorder.Migration(app=app, name=name) for app, name in sorted(set(on_disk) - applied)
    )


class Command(BaseCommand):
    help = "Compile changed catalogs, migrate when migrations are pending, load what the demo lacks (make run)."

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("catalogs_compile", verbosity=verbosity, stdout=self.stdout)
        pending = pending_migrations()
        if pending and is_new_sqlite_database():
            self.stdout.write("A new database: creating its tables from the models.")
            create_from_models(verbosity=verbosity, stdout=self.stdout)
        elif pending:
            self.stdout.write(f"Applying {len(pending)} migrations (a new database takes a minute).")
            # The system checks ran when this command started; migrate would run them again.
            call_command("migrate", interactive=False, skip_checks=True, verbosity=verbosity, stdout=self.stdout)
        else:
            self.stdout.write("No migrations to apply.")
        call_command("seed_demo", verbosity=verbosity, stdout=self.stdout)
