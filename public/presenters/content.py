"""The visitor's language on the public pages: each piece of published English is replaced by its translation made
from exactly that English (one query per page, `equity.translations.selectors.published_translations`); a piece
without one stays in English and is marked so the page says `lang="en"` and notes it. Payloads are never changed:
a copy is made for the page."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language

from equity.i18n.catalogs import interface_reviewed
from equity.translations.selectors import ShownTranslation, published_translations

# The payload keys that hold published text (plans, indicators, narrative, practices); labels are relabelled by code.
TEXT_KEYS = frozenset(
    {"title", "statement", "description", "name", "definition", "story", "summary", "evidence", "heading", "body_html"}
)


class ShownText(str):
    """A piece of published text as shown, with the language it is in ("en" when no translation was found)."""

    lang: str
    reviewed: bool

    def __new__(cls, value: str, *, lang: str, reviewed: bool = True) -> ShownText:
        text = super().__new__(cls, value)
        text.lang = lang
        text.reviewed = reviewed
        return text


@dataclass(frozen=True)
class Overlaid:
    """A payload in the visitor's language and the page's notes: parts shown in English; translation not reviewed."""

    payload: Any
    language: str
    partly_english: bool = False
    unreviewed: bool = False

    @property
    def notes(self) -> dict:
        return {"partly_english": self.partly_english, "unreviewed": self.unreviewed}


def visitor_language() -> str:
    """The language the page is rendered in (the base code: "es", "hmn"), "en" when it is English."""
    return (get_language() or "en").split("-")[0]


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key in TEXT_KEYS and isinstance(item, str):
                yield item
            else:
                yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


class _Walk:
    def __init__(self, found: dict[str, ShownTranslation], language: str) -> None:
        self.found, self.language = found, language
        self.partly_english = self.unreviewed = False

    def text(self, value: str) -> str:
        if not value.strip():
            return value
        shown = self.found.get(value)
        if shown is None:
            self.partly_english = True
            return ShownText(value, lang="en")
        self.unreviewed = self.unreviewed or not shown.reviewed
        return ShownText(shown.text, lang=self.language, reviewed=shown.reviewed)

    def copy(self, value: Any) -> Any:
        if isinstance(value, Mapping):
            return {
                key: self.text(item) if key in TEXT_KEYS and isinstance(item, str) else self.copy(item)
                for key, item in value.items()
            }
        if isinstance(value, list):
            return [self.copy(item) for item in value]
        return value


def overlaid(payloads: list[Any], *, language: str | None = None) -> list[Overlaid]:
    """The payloads of one page in `language` (the active one by default): one query for all of them, none in
    English. The "not reviewed" note is also due when the page's interface strings are not all reviewed."""
    language = language or visitor_language()
    if language == "en":
        return [Overlaid(payload, language) for payload in payloads]
    found = published_translations(language=language, texts=[text for p in payloads for text in _texts(p)])
    interface_ok = interface_reviewed(language)
    result = []
    for payload in payloads:
        walk = _Walk(found, language)
        copy = walk.copy(payload)
        result.append(Overlaid(copy, language, walk.partly_english, walk.unreviewed or not interface_ok))
    return result


def overlaid_one(payload: Any, *, language: str | None = None) -> Overlaid:
    """One payload in the visitor's language (see `overlaid`)."""
    return overlaid([payload], language=language)[0]
