"""Compile the interface catalogs without GNU gettext: `make run`, `make test` and the container image run it."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from equity.i18n.compile import compile_catalogs


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/django.po into .mo files when the .po is newer (pure Python, no gettext)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Compile even catalogs whose .mo is up to date.")

    def handle(self, *args, force: bool = False, **options):
        for path in compile_catalogs(Path(settings.LOCALE_PATHS[0]), force=force):
            self.stdout.write(f"compiled {path.relative_to(settings.BASE_DIR)}")
