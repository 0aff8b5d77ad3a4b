"""ReportJob moved from the equity app to the reports app: its rows, history and content type survive the migration,
forwards and backwards."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from reports.models import ReportJob
from tests.migrations import migrate_to, migrate_to_latest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("equity", "0002_report_job"), ("reports", None)]
AFTER = [("equity", "0003_move_report_job_to_reports"), ("reports", "0001_initial")]


def test_report_jobs_keep_their_rows_history_and_content_type_across_the_move(personas):
    content_type = ContentType.objects.get_for_model(ReportJob)
    try:
        old = migrate_to(BEFORE)
        assert {"equity_reportjob", "equity_historicalreportjob"} <= set(connection.introspection.table_names())
        assert ContentType.objects.get(pk=content_type.pk).app_label == "equity"
        OldJob = old.get_model("equity", "ReportJob")
        OldHistory = old.get_model("equity", "HistoricalReportJob")
        job = OldJob.objects.create(
            kind="department_roster", title="Staff and roles: before the move", requested_by_id=personas.manager.pk,
            department_id=personas.dept.pk, queued_at=timezone.now(), status="done", params={"target": 1},
        )  # fmt: skip
        OldHistory.objects.create(
            id=job.pk, kind=job.kind, title=job.title, params={}, status="done", attempts=0, queued_at=job.queued_at,
            created_at=job.created_at, updated_at=job.updated_at, history_date=timezone.now(), history_type="+",
            requested_by_id=personas.manager.pk,
        )  # fmt: skip

        migrate_to(AFTER)
        tables = set(connection.introspection.table_names())
        assert {"reports_reportjob", "reports_historicalreportjob"} <= tables
        assert not {"equity_reportjob", "equity_historicalreportjob"} & tables
        moved = ReportJob.objects.get(pk=job.pk)
        assert (moved.title, moved.requested_by, moved.department, moved.params) == (
            "Staff and roles: before the move", personas.manager, personas.dept, {"target": 1},
        )  # fmt: skip
        assert list(ReportJob.history.filter(id=job.pk).values_list("title", flat=True)) == [job.title]
        assert ContentType.objects.get(pk=content_type.pk).app_label == "reports"

        migrate_to(BEFORE)  # and back again, still with the row
        assert old.get_model("equity", "ReportJob").objects.filter(pk=job.pk, title=job.title).exists()
    finally:
        migrate_to_latest()
    assert ReportJob.objects.filter(pk=job.pk).exists()
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(ReportJob).pk == content_type.pk
