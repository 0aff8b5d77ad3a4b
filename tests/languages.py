"""A fixture for tests of language-dependent output before the portal's catalogs are compiled.

Django uses a language's formats (FORMAT_MODULE_PATH: equity/formats/so, equity/formats/hmn) only when it has a
compiled catalog for it (`check_for_language`); Django has none for Somali and Hmong. `language_catalogs` compiles
empty ones into a temporary LOCALE_PATHS so their dates and numbers are the portal's, whatever the checkout holds,
and a tiny Spanish one (TEST_SPANISH) so a test can tell translated values from English ones.
"""

from __future__ import annotations

import polib  # type: ignore[import-untyped]
import pytest
from django.utils import formats, translation
from django.utils.translation import trans_real

TEST_SPANISH = {
    "Yes": "Sí",
    "No": "No",
    "Attended": "Asistió",
    "Department": "Departamento",
    "Date": "Fecha",
    "Status": "Estado",
    "Latest update": "Última actualización",
    "Action": "Acción",
    "On track": "En camino",
}


def _reset_language_caches() -> None:
    setattr(trans_real, "_translations", {})  # noqa: B010 - Django's private catalog cache
    for cached in ("translation_catalog_exists", "check_for_language"):  # the lru_cache, by Django version
        clear = getattr(getattr(trans_real, cached), "cache_clear", None)
        if clear is not None:
            clear()
    formats.reset_format_cache()


@pytest.fixture
def language_catalogs(settings, tmp_path):
    for code, entries in (("so", {}), ("hmn", {}), ("es", TEST_SPANISH)):
        folder = tmp_path / "locale" / code / "LC_MESSAGES"
        folder.mkdir(parents=True)
        catalog = polib.POFile()
        catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": code}
        for msgid, msgstr in entries.items():
            catalog.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
        catalog.save_as_mofile(str(folder / "django.mo"))
    settings.LOCALE_PATHS = [tmp_path / "locale", *settings.LOCALE_PATHS]  # first: its entries win
    _reset_language_caches()
    yield
    _reset_language_caches()
    translation.deactivate()
