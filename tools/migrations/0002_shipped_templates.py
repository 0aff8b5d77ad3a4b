"""Load the shipped worksheet templates (idempotent; see tools.services.template_exchange)."""

from django.db import migrations


def load(apps, schema_editor):
    from tools.services.template_exchange import TemplateModels, shipped_templates_ensure

    shipped_templates_ensure(models=TemplateModels.from_apps(apps), using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("tools", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
