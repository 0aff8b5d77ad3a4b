"""The equity areas practices are filed under (migration 0002 adds them; this restores any that are missing)."""

from __future__ import annotations

from library.models import EquityArea

DEFAULT_AREAS = [
    ("education", "Education"),
    ("community-development", "Community development"),
    ("health", "Health"),
    ("environment", "Environment"),
    ("criminal-justice", "Criminal justice"),
    ("jobs", "Jobs"),
    ("housing", "Housing"),
    ("workforce", "Workforce equity (internal)"),
    ("contracting", "Contracting equity"),
    ("immigrant-refugee-access", "Immigrant and refugee access"),
    ("inclusive-outreach", "Inclusive outreach and public engagement"),
    ("transportation", "Transportation"),
]


def equity_areas_ensure() -> list[EquityArea]:
    """Create any default equity area that is missing (codes match the exchange schema); returns all of them."""
    for position, (code, name) in enumerate(DEFAULT_AREAS):
        EquityArea.objects.get_or_create(code=code, defaults={"name": name, "position": position})
    return list(EquityArea.objects.all())
