"""Dashboard panels of the library app (see equity.dashboard): the city narrative and the practice library."""

from __future__ import annotations

from equity.contributions import DASHBOARD_PANELS
from equity.dashboard import DashboardPanel
from equity.models import User
from library.models import NarrativeVersion
from library.permissions import can_review_practice
from library.selectors import practice_counts


@DASHBOARD_PANELS.register(order=10)
def dashboard_panels(user: User) -> list[DashboardPanel]:
    """The city's published narrative (opening section) and the size of the practice library, for everyone."""
    # The version `library.selectors.narrative_published_for_city` returns, without its sections: the panel shows
    # only the first, read on its own (a prefetch of them all costs more to set up than the query).
    version = NarrativeVersion.objects.filter(
        narrative__department__isnull=True, status=NarrativeVersion.Status.PUBLISHED
    ).first()
    first = version.sections.order_by("position", "pk").first() if version else None
    context = {
        "version": version,
        "sections": [first] if first else [],
        "counts": practice_counts(),
        "can_review": can_review_practice(user),
    }
    return [DashboardPanel("library/_dashboard_narrative.html", context)]
