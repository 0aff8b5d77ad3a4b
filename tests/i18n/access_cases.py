"""Access cases for the language switcher and the translation status pages (issue 19)."""

from tests.access import PERSONAS, AccessCase, everyone

ANYONE = dict.fromkeys(PERSONAS, 302)


def _spanish(p, kwargs):
    return {"language": "es", "next": "/plans/"}


def _unknown(p, kwargs):
    return {"language": "xx"}


def _es(p):
    return {"code": "es"}


def _english(p):
    return {"code": "en"}  # English is the source: it has no catalog


CASES = [
    AccessCase("language", ANYONE, query="language=so&next=/public/"),
    AccessCase("language", dict.fromkeys(PERSONAS, 400), query="language=xx", label="unknown"),
    AccessCase("language", ANYONE, method="post", data=_spanish),
    AccessCase("language", dict.fromkeys(PERSONAS, 400), method="post", data=_unknown, label="unknown"),
    AccessCase("translation_status", everyone(403, equity=200)),
    AccessCase("translation_entries", everyone(403, equity=200), setup=_es),
    AccessCase(
        "translation_entries",
        everyone(403, equity=200),
        setup=_es,
        query="state=machine&public=on&q=plan&page=3",
        label="filtered",
    ),
    AccessCase("translation_entries", everyone(403, equity=404), setup=_english, label="english"),
]
