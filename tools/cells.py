"""Table cell values as stored in a table answer, and how they are read back (the contract other code uses).

A cell is a plain string, the text as typed ("20 %", "about 400", "1,250"), or ``{"not_stated": True}`` for a
cell marked Not stated. ``cell_text`` gives the text to show, ``cell_number`` the one number the text holds (None
when it holds none, several, or a range). Kept minimal: the fuller reading of typed cells replaces this module.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

NOT_STATED: dict = {"not_stated": True}
_APPROX = re.compile(r"^(?:about|approximately|approx\.?|around|roughly|nearly|almost|~)\s*", re.IGNORECASE)
_NUMBER = re.compile(r"[-\u2212]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-\u2212]?\.\d+")


def cell_is_not_stated(value: object) -> bool:
    """Whether the cell is marked Not stated."""
    return isinstance(value, dict) and value.get("not_stated") is True


def cell_text(value: object) -> str:
    """The text to show for a stored cell."""
    if value is None:
        return ""
    if cell_is_not_stated(value):
        return str(_("Not stated"))
    if isinstance(value, dict):
        return str(value.get("name", ""))
    return str(value).strip()


def cell_number(value: object) -> Decimal | None:
    """The one number of a typed cell ("20 %" → 20, "about 400" → 400, "1,250" → 1250); None for blank, Not
    stated, ranges ("2012–2016") and text with several numbers or none."""
    if not isinstance(value, str):
        return None
    text = _APPROX.sub("", " ".join(value.replace("\u00a0", " ").split()))
    found = _NUMBER.findall(text)
    if len(found) != 1:
        return None
    try:
        number = Decimal(found[0].replace(",", "").replace("\u2212", "-"))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None
