"""Bring the interface catalogs up to date with the marked strings (GNU gettext's xgettext and msgmerge)."""

from django.core.management.base import BaseCommand, CommandError

from equity.i18n.extract import gettext_tools_present, makemessages


class Command(BaseCommand):
    help = "Add new marked strings to every catalog (empty), mark changed ones fuzzy, drop removed ones."

    def handle(self, *args, **options):
        if not gettext_tools_present():
            raise CommandError("GNU gettext is needed (apt-get install gettext).")
        makemessages()
        self.stdout.write("Catalogs updated: translate the new entries and run `manage.py catalogs_check`.")
