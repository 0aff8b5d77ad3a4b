"""What the public site adds to the portal's shell (see equity.contributions.PAGE_SECTIONS): the equity team's
"Public site" entry in the main navigation."""

from __future__ import annotations

from equity.contributions import PAGE_SECTIONS, PageSection
from equity.models import User
from public.permissions import can_publish


@PAGE_SECTIONS.register(slot="nav", order=60)
def nav(*, user: User, obj) -> PageSection | None:
    """The main navigation's "Public site" entry, for the equity team only."""
    if user is None or not user.is_authenticated or not can_publish(user):
        return None
    return PageSection("public/publishing/_nav.html")
