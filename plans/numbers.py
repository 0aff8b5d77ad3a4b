"""Indicator values as people read them: with the indicator's decimal places."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


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
