"""Compile the interface catalogs (locale/*/LC_MESSAGES/django.po → .mo) without GNU gettext: `make run`,
`make test` and the container image run it. Fuzzy and empty entries are left out, as `msgfmt` leaves them out."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/django.po into .mo files when the .po is newer (pure Python, no gettext)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Compile even catalogs whose .mo is up to date.")

    def handle(self, *args, force: bool = False, **options):
        for po_path in sorted(Path(settings.LOCALE_PATHS[0]).glob("*/LC_MESSAGES/django.po")):
            mo_path = po_path.with_suffix(".mo")
            if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            partial = mo_path.with_suffix(".mo.partial")
            polib.pofile(str(po_path)).save_as_mofile(str(partial))
            partial.replace(mo_path)  # atomic: a running server never reads half a catalog
            self.stdout.write(f"compiled {mo_path.relative_to(settings.BASE_DIR)}")
