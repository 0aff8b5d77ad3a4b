"""Build a city at measurement scale on the configured database (see bench/scale/): `manage.py seed_scale` under
the bench settings (DJANGO_SETTINGS_MODULE=bench.settings), which install the `bench` app."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from bench.scale import APP_SEEDERS
from bench.scale.core import reset_core, seed_core


class Command(BaseCommand):
    help = "Create (or --reset) city-scale data for benchmarks. Refuses to run with DEBUG off unless --force."

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=float, default=1.0, help="1.0 builds the full city; 0.05 a small one")
        parser.add_argument("--reset", action="store_true", help="remove what seed_scale made, and stop")
        parser.add_argument("--force", action="store_true", help="run even with DEBUG off (never on a live city)")

    def handle(self, *args, factor: float, reset: bool, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_scale writes thousands of fake records; it refuses to run with DEBUG off. "
                "Use --force only on a throwaway database."
            )
        if not 0 < factor <= 5:
            raise CommandError("--factor must be above 0 and at most 5.")
        started = time.monotonic()
        modules = APP_SEEDERS
        if reset:
            with transaction.atomic():
                for module in reversed(modules):
                    module.reset()
                removed = reset_core()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Removed the scale data ({removed} users and what they owned) "
                    f"in {time.monotonic() - started:.1f} s."
                )
            )
            return
        with transaction.atomic():
            city = seed_core(factor=factor)
            self.stdout.write(
                f"  core: {len(city.departments)} departments, {len(city.users)} users "
                f"({time.monotonic() - started:.1f} s)"
            )
            for module in modules:
                step = time.monotonic()
                summary = module.seed(city)
                self.stdout.write(f"  {module.__name__}: {summary} ({time.monotonic() - step:.1f} s)")
        with connection.cursor() as cursor:
            # The planner's statistics for the new rows (autovacuum would take its time; reltuples is -1 until then).
            cursor.execute("ANALYZE (SKIP_LOCKED)" if connection.vendor == "postgresql" else "ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"City-scale data ready in {time.monotonic() - started:.1f} s."))
