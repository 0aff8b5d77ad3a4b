"""What `make run` does before serving, in one process (each Django start costs about 2 s of CPU): compile the
catalogs whose .po changed, apply pending migrations (none pending: a look at the migration graph, no `migrate`), and
load what the demo lacks (`seed_demo`, which finds what is there and adds nothing). ADR 0063."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


def pending_migrations(database: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The migrations `migrate` would apply, as "app.name" (what `migrate --check` looks at, without a new process)."""
    executor = MigrationExecutor(connections[database])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


class Command(BaseCommand):
    help = "Compile changed catalogs, migrate when migrations are pending, load what the demo lacks (make run)."

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("catalogs_compile", verbosity=verbosity, stdout=self.stdout)
        pending = pending_migrations()
        if pending:
            self.stdout.write(f"Applying {len(pending)} migrations (a new database takes a minute).")
            # The system checks ran when this command started; migrate would run them again.
            call_command("migrate", interactive=False, skip_checks=True, verbosity=verbosity, stdout=self.stdout)
        else:
            self.stdout.write("No migrations to apply.")
        call_command("seed_demo", verbosity=verbosity, stdout=self.stdout)
