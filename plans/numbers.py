"""How indicator figures are written: with the indicator's decimal places, the same in pages, exports and PDFs."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format

DEFAULT_PLACES = 1
MISSING = "—"


def places_of(indicator: object) -> int:
    """The indicator's decimal places (DEFAULT_PLACES when it has none set)."""
    places = getattr(indicator, "decimal_places", None)
    return DEFAULT_PLACES if places is None else int(places)


def format_value(
    value: Decimal | float | int | None, places: int | None = DEFAULT_PLACES, *, signed: bool = False
) -> str:
    """`value` rounded half up to `places` decimals in the active language's format; "—" for None.

    `signed` writes a "+" before positive numbers (for changes and gaps that can go either way). A value that
    rounds to zero is written without a sign, never "-0.0"."""
    if value is None:
        return MISSING
    places = DEFAULT_PLACES if places is None else max(int(places), 0)
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)
    text = number_format(rounded, decimal_pos=places, use_l10n=True)
    return f"+{text}" if signed and rounded > 0 else text
