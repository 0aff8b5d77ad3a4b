"""Load the demo city: reference data, departments, one user per role, and each app's sample records. Safe to run
again. Each app adds its records with `@DEMO_SEEDERS.register(order=N)` in its `demo.py` (see equity.contributions)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from equity.contributions import DEMO_SEEDERS, ensure_reference_data
from equity.demo import DEMO_PASSWORD, DEMO_USERS, seed_core
from equity.notifications.services import notifications_without_email


class Command(BaseCommand):
    help = "Create the demo city (idempotent). Refuses to run with DEBUG off unless --force is given."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off (never on a live city).")

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates users with a published password; it refuses to run with DEBUG off. "
                "Use --force only on a throwaway database."
            )
        # The demo's notifications fill the inboxes; none is e-mailed (the people and their addresses are made up).
        with transaction.atomic(), notifications_without_email():
            ensure_reference_data()
            city = seed_core()
            for seeder in DEMO_SEEDERS.entries():
                seeder(city)
        with connection.cursor() as cursor:
            # Fresh statistics: before the first ANALYZE the planner guesses at table sizes (and reltuples is -1). On
            # PostgreSQL a table that another session holds (autovacuum analysing it after the seeding, say) is
            # skipped rather than waited for: waiting ran into the lock timeout and failed the whole command.
            cursor.execute("ANALYZE (SKIP_LOCKED)" if connection.vendor == "postgresql" else "ANALYZE")
        ready = f"Demo data is ready. Sign in with any of these (password: {DEMO_PASSWORD}):"
        self.stdout.write(self.style.SUCCESS(ready))
        for username, full_name, title, *_ in DEMO_USERS[:4]:
            self.stdout.write(f"  {username:<12} {full_name}, {title}")
        self.stdout.write("  admin        Django admin superuser")
