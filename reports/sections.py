"""What the reports app adds to the portal's shell (see equity.contributions.PAGE_SECTIONS)."""

from __future__ import annotations

from equity.contributions import PAGE_SECTIONS, PageSection


@PAGE_SECTIONS.register(slot="nav", order=50)
def nav(*, user, obj) -> PageSection:
    """The main navigation's "Reports" entry."""
    return PageSection("reports/_nav.html")
