"""A stable uid for every template version (shipped versions get one derived from slug and version)."""

import uuid

from django.db import migrations, models


def fill(apps, schema_editor):
    from tools.exchange import SHIPPED_SLUGS, shipped_uid

    shipped = set(SHIPPED_SLUGS)
    using = schema_editor.connection.alias
    Template = apps.get_model("tools", "Template")
    for template in Template.objects.using(using).filter(uid__isnull=True):
        if template.slug in shipped and template.version == 1:
            template.uid = shipped_uid(slug=template.slug, version=1)
        else:
            template.uid = uuid.uuid4()
        template.save(update_fields=["uid"], using=using)


class Migration(migrations.Migration):
    dependencies = [("tools", "0005_assessment_list_indexes")]

    operations = [
        migrations.AddField(
            model_name="template",
            name="uid",
            field=models.UUIDField(editable=False, null=True, verbose_name="stable identifier"),
        ),
        migrations.AddField(
            model_name="historicaltemplate",
            name="uid",
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False, verbose_name="stable identifier"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="template",
            name="uid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="stable identifier"),
        ),
        migrations.AddField(
            model_name="template",
            name="imported_from",
            field=models.CharField(blank=True, max_length=150, verbose_name="imported from"),
        ),
        migrations.AddField(
            model_name="historicaltemplate",
            name="imported_from",
            field=models.CharField(blank=True, max_length=150, verbose_name="imported from"),
        ),
    ]
