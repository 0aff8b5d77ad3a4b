"""Load the demo city: departments, one user per role, and each app's sample records. Safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from equity.demo import DEMO_PASSWORD, DEMO_USERS, seed_core


class Command(BaseCommand):
    help = "Create the demo city (idempotent). Refuses to run with DEBUG off unless --force is given."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off (never on a live city).")

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo creates users with a published password; it refuses to run with DEBUG off. "
                               "Use --force only on a throwaway database.")
        from library.demo import seed as seed_library
        from plans.demo import seed as seed_plans
        from reports.demo import seed as seed_reports
        from tools.demo import seed as seed_tools
        from training.demo import seed as seed_training

        with transaction.atomic():
            city = seed_core()
            for seeder in (seed_plans, seed_tools, seed_training, seed_library, seed_reports):
                seeder(city)
        ready = f"Demo data is ready. Sign in with any of these (password: {DEMO_PASSWORD}):"
        self.stdout.write(self.style.SUCCESS(ready))
        for username, full_name, title, *_ in DEMO_USERS[:4]:
            self.stdout.write(f"  {username:<12} {full_name}, {title}")
        self.stdout.write("  admin        Django admin superuser")
