"""Table cell values: what is stored for one cell of a table answer, and how it is read back.

The storage contract (other code relies on it):

- an ordinary cell is a plain string, the text as the analyst typed it (stripped): "20 %", "2012–2016",
  "about 400", "$3.2 million". Older answers hold normalized number strings ("1250", "12.5"); they are the
  same kind of value.
- a cell marked Not stated / Unknown is the dict ``{"not_stated": True}``.
- a cell of a "group" column is the dict ``{"kind": "listed", "name": "<a group of the city's list>"}`` or
  ``{"kind": "other", "name": "<the group as typed>"}`` (or the Not stated dict, or "" when blank).

``cell_text`` gives the text to show for any of them, ``cell_number`` the number in the typed text where there
is exactly one, ``cell_range`` the two ends of a typed range. Neither guesses: text with several numbers that are
not a plain range gives None.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

NOT_STATED: dict = {"not_stated": True}
GROUP_LISTED, GROUP_OTHER = "listed", "other"

# Spaces people paste from reports: no-break, narrow no-break, thin, figure space.
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"  # hyphen(s), figure dash, en dash, em dash, minus sign
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_MULTIPLIERS = {
    "thousand": Decimal(1000),
    "k": Decimal(1000),
    "million": Decimal(1_000_000),
    "mn": Decimal(1_000_000),
    "billion": Decimal(1_000_000_000),
    "bn": Decimal(1_000_000_000),
}
_TOKEN = re.compile(
    rf"(?P<sign>[{_DASHES}])?(?P<gap>\s*)(?P<number>{_NUMBER})(?:\s*(?P<mult>thousand|million|billion|mn|bn|k)\b)?",
    re.IGNORECASE,
)
# Words that say "roughly": the number after them is still the number meant. Bounds ("more than", "under",
# "<") are not in this list on purpose: "more than 400" is not 400.
_APPROX = re.compile(
    r"^(?:about|approx\.?|approximately|around|roughly|circa|ca\.|c\.|est\.|estimated|nearly|almost|~|≈)\s*",
    re.IGNORECASE,
)
_BOUNDS = re.compile(r"^(?:[<>≤≥]|more than|less than|fewer than|over|under|at least|at most|up to)", re.IGNORECASE)
_RANGE_JOIN = re.compile(rf"^\s*(?:[{_DASHES}]|to|and)\s*$", re.IGNORECASE)
# Typed words that mean the same as the Not stated mark.
NOT_STATED_WORDS = frozenset({"not stated", "unknown", "not known", "not stated / unknown"})


def cell_is_not_stated(value: object) -> bool:
    return isinstance(value, dict) and value.get("not_stated") is True


def cell_group_kind(value: object) -> str | None:
    """ "listed" or "other" for a group cell, None for any other value."""
    if isinstance(value, dict) and value.get("kind") in (GROUP_LISTED, GROUP_OTHER):
        return str(value["kind"])
    return None


def cell_text(value: object) -> str:
    """The text to show for a stored cell."""
    if value is None:
        return ""
    if cell_is_not_stated(value):
        return _("Not stated")
    if isinstance(value, dict):
        return str(value.get("name", ""))
    return str(value)


def _normal(text: str) -> str:
    return " ".join(text.translate(_SPACES).split())


def _tokens(text: str) -> list[tuple[re.Match, Decimal]]:
    found = []
    for match in _TOKEN.finditer(text):
        number = Decimal(match["number"].replace(",", ""))
        if match["mult"]:
            number *= _MULTIPLIERS[match["mult"].lower()]
        found.append((match, number))
    return found


def _signed(text: str, match: re.Match, number: Decimal) -> Decimal:
    """A dash counts as a minus sign only when it touches the number and does not follow a word or number."""
    before = text[: match.start()].rstrip("$€£")
    if match["sign"] and not match["gap"] and not (before and before[-1].isalnum()):
        return -number
    return number


def _plain(text: str) -> Decimal | None:
    """A whole cell that is one number as Python writes it (stored answers: "1250", "-12.5", "1E+3")."""
    if "," in text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def cell_number(value: object) -> Decimal | None:
    """The one number in a typed cell ("20 %" → 20, "about 400" → 400, "1,250" → 1250, "$3.2 million" →
    3200000); None for blank, Not stated, ranges, bounds ("more than 400") and text with several numbers."""
    if not isinstance(value, str):
        return None
    text = _normal(value)
    plain = _plain(text)
    if plain is not None:
        return plain
    text = _APPROX.sub("", text)
    if _BOUNDS.match(text):
        return None
    tokens = _tokens(text)
    if len(tokens) != 1:
        return None
    match, number = tokens[0]
    return _signed(text, match, number)


def cell_range(value: object) -> tuple[Decimal, Decimal] | None:
    """The two ends of a typed range ("2012–2016", "12.5–14%", "$3–4 million", "between 10 and 20");
    a multiplier or unit written once after the range applies to both ends. None when it is not a range."""
    if not isinstance(value, str):
        return None
    text = _APPROX.sub("", _normal(value))
    text = re.sub(r"^between\s+", "", text, flags=re.IGNORECASE)
    tokens = _tokens(text)
    if len(tokens) != 2:
        return None
    (first, low), (second, high) = tokens
    if not _RANGE_JOIN.match(text[first.end() : second.start()] + (second["sign"] or "")):
        return None
    low = _signed(text, first, low)
    if second["mult"] and not first["mult"]:
        low *= _MULTIPLIERS[second["mult"].lower()]
    return (low, high) if low <= high else None
