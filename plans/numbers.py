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


def rounded(value: Decimal | None, places: int) -> Decimal | None:
    """The value to `places` decimals (half up, as published tables round), for pages, charts and reports."""
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def shown_value(value: Decimal | None, places: int) -> Decimal | None:
    """The value with at least `places` decimals but never fewer than it has, for what can be edited or re-imported
    (the data grid, exports): 45.2000 shows as 45.2 with one place, 45.25 stays 45.25, so saving the grid or
    uploading an export again never rounds the data."""
    if value is None:
        return None
    exact = value.normalize()
    exponent = exact.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return value.quantize(Decimal(1).scaleb(-max(places, decimals)))


def format_value(
    value: Decimal | float | int | None, places: int | None = DEFAULT_PLACES, *, signed: bool = False
) -> str:
    """`value` rounded half up to `places` decimals in the active language's format; "—" for None.

    `signed` writes a "+" before positive numbers (for changes and gaps that can go either way). A value that
    rounds to zero is written without a sign, never "-0.0"."""
    if value is None:
        return MISSING
    places = DEFAULT_PLACES if places is None else max(int(places), 0)
    figure = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if figure == 0:
        figure = abs(figure)
    text = number_format(figure, decimal_pos=places, use_l10n=True)
    return f"+{text}" if signed and figure > 0 else text
