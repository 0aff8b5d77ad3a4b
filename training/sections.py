"""What the training app adds to the portal's shell (see equity.contributions.PAGE_SECTIONS)."""

from __future__ import annotations

from equity.contributions import PAGE_SECTIONS, PageSection


@PAGE_SECTIONS.register(slot="nav", order=30)
def nav(*, user, obj) -> PageSection:
    """The main navigation's "Training" entry."""
    return PageSection("training/_nav.html")


@PAGE_SECTIONS.register(slot="nav.admin", order=30)
def nav_admin(*, user, obj) -> PageSection:
    """The Admin menu's curriculum and facilitators entries."""
    return PageSection("training/_nav_admin.html")
