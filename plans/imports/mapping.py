"""Matching a file's headers to the column registry: automatically (header, key or an alias, with case, spacing and
punctuation folded), or as a person chose and the city remembered for files with the same headers."""

from __future__ import annotations

import hashlib

from django.utils.translation import gettext as _

from plans.imports.codecs import normalise
from plans.imports.columns import BY_KEY, COLUMNS, LEVELS, identifying, title_of
from plans.models import ImportMapping

IGNORE = ""


def signature(headers: list[str]) -> str:
    """The key a mapping is remembered by: the normalised headers, in order."""
    return hashlib.sha256("\x1f".join(normalise(h) for h in headers).encode()).hexdigest()


def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for column in COLUMNS:  # the header and key of a column win over another column's alias
        names.setdefault(normalise(str(column.header)), column.key)
        names.setdefault(normalise(column.key), column.key)
    for column in COLUMNS:
        for alias in column.aliases:
            names.setdefault(normalise(alias), column.key)
    return names


def guess(headers: list[str]) -> list[str]:
    """The column key for each header (IGNORE when none matches); a column is used by its first header only."""
    names, used, keys = _names(), set(), []
    for header in headers:
        key = names.get(normalise(header), IGNORE)
        if key in used:
            key = IGNORE
        used.add(key)
        keys.append(key)
    return keys


def remembered(headers: list[str]) -> list[str] | None:
    """The mapping saved for these headers, if any (keys no longer in the registry are ignored)."""
    mapping = ImportMapping.objects.filter(signature=signature(headers)).first()
    if mapping is None or len(mapping.columns) != len(headers):
        return None
    return [key if key in BY_KEY else IGNORE for key in mapping.columns]


def check(headers: list[str], keys: list[str]) -> list[str]:
    """What is wrong with a mapping: a column chosen twice, or no column naming a record."""
    errors = []
    chosen = [k for k in keys if k]
    for key in sorted({k for k in chosen if chosen.count(k) > 1}):
        errors.append(_("“%(col)s” is chosen for more than one header.") % {"col": BY_KEY[key].header})
    naming = {level: {identifying(level).key, title_of(level).key} for level in LEVELS}
    if not set().union(*naming.values()) & set(chosen):
        errors.append(_("Choose at least one of the columns Result, Outcome or Action (or their codes)."))
    if title_of("outcome").key in chosen and not naming["result"] & set(chosen):
        errors.append(
            _("An Outcome column needs the Result or Result code column too (outcomes are found within their result).")
        )
    return errors
