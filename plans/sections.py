"""What the plans app adds to the portal's shell (see equity.contributions.PAGE_SECTIONS)."""

from __future__ import annotations

from equity.contributions import PAGE_SECTIONS, PageSection


@PAGE_SECTIONS.register(slot="nav", order=10)
def nav(*, user, obj) -> PageSection:
    """The main navigation's "Action plans" menu."""
    return PageSection("plans/_nav.html")


@PAGE_SECTIONS.register(slot="nav.admin", order=10)
def nav_admin(*, user, obj) -> PageSection:
    """The Admin menu's reporting period and plan settings entries."""
    return PageSection("plans/_nav_admin.html")
