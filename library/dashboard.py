"""Dashboard panels of the library app (see equity.dashboard): the city narrative and the practice library."""

from __future__ import annotations

from equity.contributions import DASHBOARD_PANELS
from equity.dashboard import DashboardPanel
from equity.models import User
from library.permissions import can_review_practice
from library.selectors import city_narrative_opening, practice_counts


@DASHBOARD_PANELS.register(order=10)
def dashboard_panels(user: User) -> list[DashboardPanel]:
    """The city's published narrative (opening section) and the size of the practice library, for everyone."""
    version, first = city_narrative_opening()
    context = {
        "version": version,
        "sections": [first] if first else [],
        "counts": practice_counts(),
        "can_review": can_review_practice(user),
    }
    return [DashboardPanel("library/_dashboard_narrative.html", context)]
