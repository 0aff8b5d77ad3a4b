"""What the library adds to other apps' reports: the city's published racial equity narrative at the front of the
plan progress report (slot "plan_progress" of `reports.kinds.REPORT_SECTIONS`)."""

from __future__ import annotations

from equity.contributions import PageSection
from library.selectors import narrative_published_for_city
from reports.kinds import REPORT_SECTIONS


@REPORT_SECTIONS.register(order=10, slot="plan_progress")
def plan_report_city_narrative(*, user, obj) -> PageSection | None:
    """The published city-wide narrative (every signed-in person may read it), or None if there is none."""
    narrative = narrative_published_for_city()
    if narrative is None:
        return None
    return PageSection(
        template="library/pdf/_report_city_narrative.html",
        context={"anchor": "city-narrative", "title": narrative.title, "narrative": narrative},
    )
