"""The library app's reference rows: the equity areas practices are filed under (codes match the exchange schema).

Migration 0002 loads them with its historical models; `ensure_reference_data()` (seed_demo, the tests after a
flush) loads whatever is missing with the current ones. Existing areas are never changed.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

from equity.contributions import REFERENCE_DATA

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


def equity_areas_load(*, apps: Any = global_apps, using: str = DEFAULT_DB_ALIAS) -> None:
    """Create any default equity area that is missing, with `apps`' models in database `using` (a migration passes
    its own models and its connection's alias)."""
    equity_area = apps.get_model("library", "EquityArea")
    for position, (code, name) in enumerate(DEFAULT_AREAS):
        equity_area.objects.using(using).get_or_create(code=code, defaults={"name": name, "position": position})


@REFERENCE_DATA.register(order=40)
def library_reference_data() -> None:
    """The equity areas."""
    equity_areas_load()
