# ReportJob and its history, moved from the equity app without losing rows: equity 0003 renamed their tables to
# reports_reportjob and reports_historicalreportjob and dropped the models from its state; here they enter this app's
# state only. The content types follow, so permissions and admin log entries keep pointing at them.

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MOVED_MODELS = ('reportjob', 'historicalreportjob')


def _move_content_types(apps, schema_editor, *, source, target):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    rows = ContentType.objects.using(schema_editor.connection.alias)
    for model in MOVED_MODELS:
        if not rows.filter(app_label=target, model=model).exists():
            rows.filter(app_label=source, model=model).update(app_label=target)


def content_types_to_reports(apps, schema_editor):
    _move_content_types(apps, schema_editor, source='equity', target='reports')


def content_types_to_equity(apps, schema_editor):
    _move_content_types(apps, schema_editor, source='reports', target='equity')


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('equity', '0003_move_report_job_to_reports'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalReportJob',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                        ('kind', models.CharField(db_index=True, max_length=40, verbose_name='kind')),
                        ('title', models.CharField(max_length=250, verbose_name='title')),
                        ('params', models.JSONField(blank=True, default=dict, verbose_name='parameters')),
                        ('status', models.CharField(choices=[('queued', 'Queued'), ('running', 'Being built'), ('done', 'Ready'), ('failed', 'Failed')], default='queued', max_length=10, verbose_name='status')),
                        ('attempts', models.PositiveIntegerField(default=0, verbose_name='attempts')),
                        ('queued_at', models.DateTimeField(db_index=True, verbose_name='queued')),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent to the queue')),
                        ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='started')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished')),
                        ('file', models.TextField(blank=True, max_length=255, verbose_name='file')),
                        ('file_size', models.PositiveIntegerField(blank=True, null=True, verbose_name='file size')),
                        ('page_count', models.PositiveIntegerField(blank=True, null=True, verbose_name='pages')),
                        ('purged_at', models.DateTimeField(blank=True, null=True, verbose_name='file removed')),
                        ('error', models.TextField(blank=True, verbose_name='error message')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('department', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='equity.department', verbose_name='department')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('requested_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='requested by')),
                    ],
                    options={
                        'verbose_name': 'historical report job',
                        'verbose_name_plural': 'historical report jobs',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='ReportJob',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('kind', models.CharField(db_index=True, max_length=40, verbose_name='kind')),
                        ('title', models.CharField(max_length=250, verbose_name='title')),
                        ('params', models.JSONField(blank=True, default=dict, verbose_name='parameters')),
                        ('status', models.CharField(choices=[('queued', 'Queued'), ('running', 'Being built'), ('done', 'Ready'), ('failed', 'Failed')], default='queued', max_length=10, verbose_name='status')),
                        ('attempts', models.PositiveIntegerField(default=0, verbose_name='attempts')),
                        ('queued_at', models.DateTimeField(db_index=True, verbose_name='queued')),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent to the queue')),
                        ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='started')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished')),
                        ('file', models.FileField(blank=True, max_length=255, upload_to='reports/', verbose_name='file')),
                        ('file_size', models.PositiveIntegerField(blank=True, null=True, verbose_name='file size')),
                        ('page_count', models.PositiveIntegerField(blank=True, null=True, verbose_name='pages')),
                        ('purged_at', models.DateTimeField(blank=True, null=True, verbose_name='file removed')),
                        ('error', models.TextField(blank=True, verbose_name='error message')),
                        ('department', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='report_jobs', to='equity.department', verbose_name='department')),
                        ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='report_jobs', to=settings.AUTH_USER_MODEL, verbose_name='requested by')),
                    ],
                    options={
                        'verbose_name': 'report job',
                        'verbose_name_plural': 'report jobs',
                        'ordering': ['-queued_at', '-pk'],
                        'indexes': [models.Index(fields=['requested_by', '-queued_at'], name='reportjob_user_queued'), models.Index(fields=['status', 'queued_at'], name='reportjob_status_queued')],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_types_to_reports, content_types_to_equity),
    ]
