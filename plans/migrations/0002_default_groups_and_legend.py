"""Default racial/ethnic groups (U.S. Census race and Hispanic-origin categories) and the status colour legend."""

from django.db import migrations


def create_defaults(apps, schema_editor):
    from plans.reference import groups_and_legend_ensure

    groups_and_legend_ensure(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
