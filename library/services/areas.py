"""The equity areas practices are filed under (migration 0002 adds them; this restores any that are missing)."""

from __future__ import annotations

from library.models import EquityArea
from library.reference import equity_areas_load


def equity_areas_ensure() -> list[EquityArea]:
    """Create any default equity area that is missing (codes match the exchange schema); returns all of them."""
    equity_areas_load()
    return list(EquityArea.objects.all())
