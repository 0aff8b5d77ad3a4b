"""The plans app's reference rows: the default racial/ethnic groups, the status colour legend and the scales' levels.

Migration 0002 loads them with its historical models; `ensure_reference_data()` (seed_demo, the tests after a
flush) loads whatever is missing with the current ones. Existing rows are never changed: the equity team may
rename, reorder or deactivate groups and edit the legend.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

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

# status, tone, meaning, order, needs attention. Off track then at risk come first in lists (`attention_first`).
DEFAULT_LEGEND = [
    ("off_track", "danger", "Will miss its due date or target; needs a decision.", 10, True),
    ("at_risk", "warning", "May miss its due date or target without help.", 20, True),
    ("not_reported", "secondary", "The status is unknown: nobody has reported it.", 30, False),
    ("not_started", "secondary", "Work has not begun.", 40, False),
    ("in_progress", "info", "Work has begun.", 50, False),
    ("on_track", "success", "Progressing as planned.", 60, False),
    ("ongoing", "info", "Continuous work with no end date.", 70, False),
    ("deferred", "secondary", "Put off to a later date.", 80, False),
    ("completed", "primary", "Done.", 90, False),
    ("cancelled", "secondary", "Cancelled or withdrawn; left out of roll-ups.", 100, False),
]


def groups_and_legend_ensure(*, apps: Any = global_apps, using: str = DEFAULT_DB_ALIAS) -> None:
    """Create any default group or legend entry that is missing, with `apps`' models in database `using` (a migration
    passes its own models and its connection's alias; migration 0002's model has no order or needs-attention fields
    yet, so they are set only when the model has them)."""
    racial_group = apps.get_model("plans", "RacialGroup")
    legend_entry = apps.get_model("plans", "StatusLegendEntry")
    for order, (name, code, is_total) in enumerate(DEFAULT_GROUPS):
        racial_group.objects.using(using).get_or_create(
            code=code, defaults={"name": name, "sort_order": order * 10, "is_total": is_total}
        )
    has_order = any(f.name == "sort_order" for f in legend_entry._meta.get_fields())
    statuses = {f.name: f for f in legend_entry._meta.get_fields()}["status"]
    known = {value for value, _label in statuses.choices}
    for status, tone, description, order, attention in DEFAULT_LEGEND:
        if status not in known:
            continue
        defaults: dict[str, Any] = {"tone": tone, "description": description}
        if has_order:
            defaults |= {"sort_order": order, "needs_attention": attention}
        legend_entry.objects.using(using).get_or_create(status=status, defaults=defaults)


def legend_order_ensure(*, apps: Any = global_apps, using: str = DEFAULT_DB_ALIAS) -> None:
    """Give the legend rows made before statuses had an order (migration 0009) their default order and
    needs-attention flag; rows the equity team already ordered are left alone."""
    legend_entry = apps.get_model("plans", "StatusLegendEntry")
    for status, _tone, _description, order, attention in DEFAULT_LEGEND:
        rows = legend_entry.objects.using(using).filter(status=status, sort_order=0)
        rows.update(sort_order=order, needs_attention=attention)


@REFERENCE_DATA.register(order=20)
def plans_reference_data() -> None:
    """Racial groups and the status legend."""
    groups_and_legend_ensure()


# The scales' starting levels (the fixed choices migration 0010 replaced): kind, label, order. A scale is seeded only
# while it has no level at all, so the equity team's renames and removals are never undone.
DEFAULT_SCALE_LEVELS = [
    ("priority", "High", 1), ("priority", "Medium", 2), ("priority", "Low", 3),
    ("effort", "Low", 1), ("effort", "Medium", 2), ("effort", "High", 3),
    ("impact", "High", 1), ("impact", "Medium", 2), ("impact", "Low", 3),
]  # fmt: skip


def scale_levels_ensure(*, apps: Any = global_apps) -> None:
    """Give every scale with no level the default levels."""
    scale_level = apps.get_model("plans", "ScaleLevel")
    empty = {kind for kind, _l, _o in DEFAULT_SCALE_LEVELS} - set(scale_level.objects.values_list("kind", flat=True))
    for kind, label, order in DEFAULT_SCALE_LEVELS:
        if kind in empty:
            scale_level.objects.create(kind=kind, label=label, order=order)


@REFERENCE_DATA.register(order=21)
def plans_scale_levels() -> None:
    """The priority, effort and impact scales' starting levels."""
    scale_levels_ensure()
