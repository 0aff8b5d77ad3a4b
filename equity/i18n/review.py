"""Whether a page's interface strings are all reviewed in a language: the public site's "machine-assisted" note.

Until the catalogs record review states (the translation status page), only English counts as reviewed."""

from __future__ import annotations

from django.conf import settings


def interface_reviewed(language: str) -> bool:
    """True when every interface string in `language` was reviewed by a translator (English is the source)."""
    return (language or "").split("-")[0] == settings.LANGUAGE_CODE.split("-")[0]
