# ReportJob (and its history) moved to the new `reports` app without losing rows: the tables are renamed to the
# reports app's names here, the models leave the equity app's state, and reports/migrations/0001_initial.py adds them
# to the reports app's state only (no table is created or dropped).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('equity', '0002_report_job'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name='reportjob', table='reports_reportjob'),
                migrations.AlterModelTable(name='historicalreportjob', table='reports_historicalreportjob'),
            ],
            state_operations=[
                migrations.DeleteModel(name='HistoricalReportJob'),
                migrations.DeleteModel(name='ReportJob'),
            ],
        ),
    ]
