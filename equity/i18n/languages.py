"""The languages Django does not know yet, described the way `django.conf.locale.LANG_INFO` describes its own.

Somali and Hmong have no catalog in Django itself: `register_languages` (called when the core app is ready) adds their
names, so `{% get_language_info %}` and the language switcher can name them in their own language.
"""

from __future__ import annotations

from django.conf import settings
from django.conf.locale import LANG_INFO

EXTRA_LANG_INFO = {
    "so": {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"},
    "hmn": {"bidi": False, "code": "hmn", "name": "Hmong", "name_local": "Hmoob"},
}


# The plural rule every catalog's header must carry (gettext's Plural-Forms), per language.
PLURAL_FORMS = {
    "es": "nplurals=2; plural=(n != 1);",
    "so": "nplurals=2; plural=(n != 1);",
    "hmn": "nplurals=1; plural=0;",
}


def plural_forms(language: str) -> str:
    """The language's Plural-Forms header (the two-form English rule for a language not listed above)."""
    return PLURAL_FORMS.get(language, "nplurals=2; plural=(n != 1);")


def nplurals(language: str) -> int:
    """How many plural forms the language's catalog holds."""
    return int(plural_forms(language).split("nplurals=", 1)[1].split(";", 1)[0])


def register_languages() -> None:
    """Add the languages above to Django's table (idempotent)."""
    for code, info in EXTRA_LANG_INFO.items():
        LANG_INFO.setdefault(code, info)


def portal_language_codes() -> list[str]:
    """The codes of the languages the portal offers, English first."""
    return [code for code, _name in settings.LANGUAGES]


def translated_language_codes() -> list[str]:
    """The languages with a catalog: every offered language but the source language, English."""
    return [code for code in portal_language_codes() if code != "en"]


def language_choices(*, blank: str | None = None) -> list[tuple[str, str]]:
    """The offered languages, each named in itself ("Español", "Soomaali"), for a select; `blank` first if given."""
    from django.utils.translation import get_language_info

    choices = [(code, str(get_language_info(code)["name_local"]).capitalize()) for code in portal_language_codes()]
    return ([("", blank)] if blank is not None else []) + choices
