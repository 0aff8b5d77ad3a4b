"""A fixture for tests of language-dependent output before the portal's catalogs are compiled.

Django uses a language's formats (FORMAT_MODULE_PATH: equity/formats/so, equity/formats/hmn) only when it has a
compiled catalog for it (`check_for_language`); Django has none for Somali and Hmong. `language_catalogs` compiles
empty ones into a temporary LOCALE_PATHS so their dates and numbers are the portal's, whatever the checkout holds.
"""

from __future__ import annotations

import polib
import pytest
from django.utils import formats, translation
from django.utils.translation import trans_real


def _reset_language_caches() -> None:
    trans_real._translations = {}
    for cached in ("translation_catalog_exists", "check_for_language"):  # the lru_cache, by Django version
        clear = getattr(getattr(trans_real, cached), "cache_clear", None)
        if clear is not None:
            clear()
    formats._format_cache = {}
    formats._format_modules_cache = {}


@pytest.fixture
def language_catalogs(settings, tmp_path):
    for code in ("so", "hmn"):
        folder = tmp_path / "locale" / code / "LC_MESSAGES"
        folder.mkdir(parents=True)
        catalog = polib.POFile()
        catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": code}
        catalog.save_as_mofile(str(folder / "django.mo"))
    settings.LOCALE_PATHS = [*settings.LOCALE_PATHS, tmp_path / "locale"]
    _reset_language_caches()
    yield
    _reset_language_caches()
    translation.deactivate()
