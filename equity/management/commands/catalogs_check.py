"""The catalog check CI runs (through the test suite): every catalog complete, every translation keeping its
placeholders, HTML and plural forms, `msgfmt --check` passing, and (with --source) every marked string present."""

import shutil
import subprocess

from django.core.management.base import BaseCommand, CommandError

from equity.i18n.catalogs import catalog_path, catalog_status
from equity.i18n.extract import extracted_copy, gettext_tools_present
from equity.i18n.languages import translated_language_codes
from equity.i18n.source_check import source_problems


class Command(BaseCommand):
    help = "Fail when a catalog misses a string, breaks a placeholder, HTML or a plural form, or does not compile."

    def add_arguments(self, parser):
        parser.add_argument(
            "--source", action="store_true", help="Also extract the marked strings again (needs GNU gettext)."
        )

    def handle(self, *args, source: bool = False, **options):
        problems = []
        for language in translated_language_codes():
            problems += catalog_problems(language)
        if source:
            if not gettext_tools_present():
                raise CommandError("--source needs GNU gettext (apt-get install gettext).")
            fresh = extracted_copy()
            try:
                problems += source_problems(fresh)
            finally:
                shutil.rmtree(fresh.parent, ignore_errors=True)
        if problems:
            raise CommandError("\n".join([f"{len(problems)} catalog problem(s):", *problems]))
        self.stdout.write("Catalogs complete and well-formed: " + ", ".join(translated_language_codes()))


def catalog_problems(language: str) -> list[str]:
    """What is wrong in one catalog: its header, its entries and (with GNU gettext) what `msgfmt --check` says."""
    status = catalog_status(language)
    problems = [f"{language}: {problem}" for problem in status.header_problems]
    for entry in status.entries:
        for problem in entry.problems or ((entry.state.label,) if entry.state == "missing" else ()):
            problems.append(f"{language}: {entry.msgid[:70]!r} ({', '.join(entry.sources[:1])}): {problem}")
    if shutil.which("msgfmt") and catalog_path(language).exists():
        result = subprocess.run(
            ["msgfmt", "--check", "--output-file=/dev/null", str(catalog_path(language))],
            capture_output=True,
            text=True,
            timeout=60,
        )
        if result.returncode:
            problems.append(f"{language}: msgfmt --check: {result.stderr.strip()}")
    return problems
