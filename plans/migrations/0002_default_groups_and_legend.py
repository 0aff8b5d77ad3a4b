"""Default racial/ethnic groups (U.S. Census race and Hispanic-origin categories) and the status colour legend."""

from django.db import migrations

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


def create_defaults(apps, schema_editor):
    RacialGroup = apps.get_model("plans", "RacialGroup")
    StatusLegendEntry = apps.get_model("plans", "StatusLegendEntry")
    for order, (name, code, is_total) in enumerate(DEFAULT_GROUPS):
        RacialGroup.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": order * 10, "is_total": is_total}
        )
    for status, tone, description in DEFAULT_LEGEND:
        StatusLegendEntry.objects.get_or_create(status=status, defaults={"tone": tone, "description": description})


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
