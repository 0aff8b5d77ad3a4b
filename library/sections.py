"""Sections of the library shown on other apps' pages and reports and in the portal's navigation (see
equity.contributions.PAGE_SECTIONS)."""

from __future__ import annotations

from equity.contributions import PAGE_SECTIONS, PageSection
from equity.models import User
from library.selectors import narrative_published_for_city, practice_list_for_action, practice_list_for_assessment


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


@PAGE_SECTIONS.register(slot="reports.plan_progress", order=10)
def plan_report_city_narrative(*, user: User, obj) -> PageSection | None:
    """At the front of the plan progress report: the city's published racial equity narrative (every signed-in
    person may read it), or None if there is none."""
    narrative = narrative_published_for_city()
    if narrative is None:
        return None
    return PageSection(
        template="library/pdf/_report_city_narrative.html",
        context={"anchor": "city-narrative", "title": narrative.title, "narrative": narrative},
    )


@PAGE_SECTIONS.register(slot="nav", order=40)
def nav(*, user: User, obj) -> PageSection:
    """The main navigation's "Narrative" and "Practices" entries."""
    return PageSection("library/_nav.html")


@PAGE_SECTIONS.register(slot="nav.admin", order=40)
def nav_admin(*, user: User, obj) -> PageSection:
    """The Admin menu's practice suggestions and import entries."""
    return PageSection("library/_nav_admin.html")
