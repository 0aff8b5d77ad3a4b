"""Sections of the library shown on other apps' pages (see equity.contributions.PAGE_SECTIONS)."""

from __future__ import annotations

from equity.contributions import PAGE_SECTIONS, PageSection
from equity.models import User
from library.selectors import practice_list_for_action, practice_list_for_assessment


@PAGE_SECTIONS.register(slot="plans.action_detail.end", order=10)
def action_practices(*, user: User, obj) -> PageSection:
    """On a plan action's page, after its updates: the practices it adopts, as the user may read them (one query)."""
    return PageSection(
        "library/_action_practices.html", {"adoptions": list(practice_list_for_action(user=user, action=obj))}
    )


@PAGE_SECTIONS.register(slot="tools.assessment_detail.end", order=10)
def assessment_practices(*, user: User, obj) -> PageSection:
    """On an assessment's page: the practices its strategies draw on, as the user may read them (one query)."""
    return PageSection(
        "library/_assessment_practices.html",
        {"strategies": list(practice_list_for_assessment(user=user, assessment=obj))},
    )
