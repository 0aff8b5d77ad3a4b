"""Load the three shipped worksheet templates (idempotent; see tools.shipped_templates)."""

from django.db import migrations


def load(apps, schema_editor):
    from tools.shipped_templates import load_shipped_templates

    load_shipped_templates(
        apps.get_model("tools", "Template"), apps.get_model("tools", "Step"), apps.get_model("tools", "Question")
    )


class Migration(migrations.Migration):
    dependencies = [("tools", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
