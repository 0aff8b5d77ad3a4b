"""Sections of the tools app shown on other apps' pages and in the portal's navigation (see
equity.contributions.PAGE_SECTIONS)."""

from __future__ import annotations

from equity.contributions import PAGE_SECTIONS, PageSection
from equity.models import User
from tools.links import assessment_list_for_action


@PAGE_SECTIONS.register(slot="plans.action_detail", order=10)
def action_assessments(*, user: User, obj) -> PageSection:
    """On a plan action's page: the assessments it came from, limited to those the viewer may see (one query)."""
    return PageSection(
        "tools/_action_assessments.html", {"assessments": list(assessment_list_for_action(user=user, action=obj))}
    )


@PAGE_SECTIONS.register(slot="nav", order=20)
def nav(*, user: User, obj) -> PageSection:
    """The main navigation's "Equity tool" entry."""
    return PageSection("tools/_nav.html")


@PAGE_SECTIONS.register(slot="nav.admin", order=20)
def nav_admin(*, user: User, obj) -> PageSection:
    """The Admin menu's worksheet templates entry."""
    return PageSection("tools/_nav_admin.html")
