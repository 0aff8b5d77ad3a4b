"""The plans app's reference rows: the default racial/ethnic groups and the status colour legend.

Migration 0002 loads them with its historical models; `ensure_reference_data()` (seed_demo, the tests after a
flush) loads whatever is missing with the current ones. Existing rows are never changed: the equity team may
rename, reorder or deactivate groups and edit the legend.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps

from equity.contributions import REFERENCE_DATA

# name, code, is_total. Census asks race and Hispanic origin separately; plans usually report "Hispanic or Latino
# (any race)" beside the non-Hispanic race groups, as below. The equity team can rename, add or deactivate groups.
DEFAULT_GROUPS = [
    ("All residents", "all", True),
    ("American Indian or Alaska Native", "aian", False),
    ("Asian", "asian", False),
    ("Black or African American", "black", False),
    ("Hispanic or Latino (any race)", "hispanic", False),
    ("Middle Eastern or North African", "mena", False),
    ("Native Hawaiian or Other Pacific Islander", "nhpi", False),
    ("White (not Hispanic)", "white", False),
    ("Two or more races", "multiracial", False),
    ("Some other race", "other", False),
]

DEFAULT_LEGEND = [
    ("not_started", "secondary", "Work has not begun."),
    ("on_track", "success", "Progressing as planned."),
    ("at_risk", "warning", "May miss its due date or target without help."),
    ("off_track", "danger", "Will miss its due date or target; needs a decision."),
    ("completed", "primary", "Done."),
]


def groups_and_legend_ensure(*, apps: Any = global_apps) -> None:
    """Create any default group or legend entry that is missing, with `apps`' models (a migration passes its own)."""
    racial_group = apps.get_model("plans", "RacialGroup")
    legend_entry = apps.get_model("plans", "StatusLegendEntry")
    for order, (name, code, is_total) in enumerate(DEFAULT_GROUPS):
        racial_group.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": order * 10, "is_total": is_total}
        )
    for status, tone, description in DEFAULT_LEGEND:
        legend_entry.objects.get_or_create(status=status, defaults={"tone": tone, "description": description})


@REFERENCE_DATA.register(order=20)
def plans_reference_data() -> None:
    """Racial groups and the status legend."""
    groups_and_legend_ensure()
