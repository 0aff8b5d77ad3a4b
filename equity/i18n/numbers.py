"""Percentages written the way each language writes them (docs/translation/reports.md).

The number is localized by Django (decimal and thousand separators from the language's formats); the sign's place
is the language's: Spanish puts a no-break space before it ("20 %", as the RAE and CLDR `es` write it), English,
Somali and Hmong do not ("20%"). A language not listed writes "20%".
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils import formats
from django.utils.translation import get_language

NBSP = "\u00a0"
PERCENT_PATTERNS = {"es": "{number}" + NBSP + "%"}
DEFAULT_PATTERN = "{number}%"


def with_percent_sign(number_text: str) -> str:
    """An already localized number with the sign where the active language puts it (for code that formats its
    numbers itself, e.g. the training completion table)."""
    language = (get_language() or "en").split("-")[0]
    return PERCENT_PATTERNS.get(language, DEFAULT_PATTERN).format(number=number_text)


def percent_format(value: object, places: int | None = None) -> str:
    """`value` (already a percentage: 20 means 20 %) for the active language; "" for None or "" and the value as
    it is when it is not a number. `places`: decimals to show (None: as many as the value has)."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if places is not None:
        number = round(number, places)
    return with_percent_sign(formats.number_format(number, decimal_pos=places, use_l10n=True))
