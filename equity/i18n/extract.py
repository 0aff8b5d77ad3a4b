"""Extracting the marked strings into the catalogs: the one set of `makemessages` options, for `catalogs_update`
(a developer adding strings) and for the catalog check (CI: is every marked string in every catalog?)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command

from equity.i18n.languages import plural_forms, translated_language_codes

# Not the portal's own strings: the virtual environment, tests, tools, generated and uploaded files.
IGNORED = (".venv/*", "tests/*", "node_modules/*", "bench/*", "staticfiles/*", "media/*", "docs/*", "locale/*")
# What a copy for the check needs: the code and templates that hold marked strings, and the catalogs.
SOURCES = ("manage.py", "equity", "reports", "plans", "training", "tools", "library", "public", "templates", "locale")


def gettext_tools_present() -> bool:
    """`makemessages` needs GNU gettext's xgettext and msgmerge (apt-get install gettext)."""
    return all(shutil.which(tool) for tool in ("xgettext", "msgmerge", "msgfmt"))


def makemessages(languages: list[str] | None = None) -> None:
    """Bring every catalog up to date with the marked strings (new ones empty, changed ones fuzzy), in this tree."""
    languages = languages or translated_language_codes()
    call_command(
        "makemessages",
        locale=languages,
        ignore_patterns=list(IGNORED),
        no_obsolete=True,
        add_location="file",
        verbosity=0,
    )
    for language in languages:
        set_headers(Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po", language)


def set_headers(path: Path, language: str) -> None:
    """The catalog's header as the project keeps it: its language, its plural rule, not fuzzy."""
    catalog = polib.pofile(str(path))
    catalog.metadata.update(
        {
            "Project-Id-Version": "Equity Portal",
            "Language": language,
            "Plural-Forms": plural_forms(language),
            "Content-Type": "text/plain; charset=UTF-8",
        }
    )
    catalog.metadata_is_fuzzy = False
    catalog.header = "Equity Portal's interface. Review state per entry: docs/translation/README.md."
    catalog.save()


def extracted_copy() -> Path:
    """A temporary copy of the sources and catalogs with `makemessages` run in it: what the catalogs would hold if
    they were brought up to date now. The caller removes the directory (the parent of the returned locale path)."""
    base = Path(settings.BASE_DIR)
    copy = Path(tempfile.mkdtemp(prefix="catalogs-"))
    for name in SOURCES:
        source = base / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        elif source.exists():
            shutil.copy2(source, copy / name)
    code = "from equity.i18n.extract import makemessages; makemessages()"
    subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=copy,
        check=True,
        env={**_environment(), "PYTHONPATH": str(copy), "DJANGO_SETTINGS_MODULE": "equity.settings"},
        timeout=300,
    )
    return copy / "locale"


def _environment() -> dict[str, str]:
    import os

    environment = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    environment["DJANGO_DEBUG"] = "true"
    return environment
