"""The equity team's dashboard panel of the public site: what is published and when it last changed."""

from __future__ import annotations

from equity.contributions import DASHBOARD_PANELS
from equity.dashboard import DashboardPanel
from equity.models import User
from public.permissions import can_publish
from public.selectors_publishing import public_site_summary


@DASHBOARD_PANELS.register(order=60)
def dashboard_panels(user: User) -> list[DashboardPanel]:
    """For the equity team only: how many plans, indicators, narratives and practices are public (one query)."""
    if not can_publish(user):
        return []
    return [DashboardPanel("public/publishing/_dashboard.html", {"summary": public_site_summary()})]
