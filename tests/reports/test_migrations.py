"""ReportJob moved from the equity app to the reports app: its rows, history and content type survive the migration,
forwards and backwards (on a scratch database, tests/migrations.py)."""

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db(databases=[])  # the scratch database only; the worker's is refused

BEFORE = [("equity", "0002_report_job"), ("reports", None)]
AFTER = [("equity", "0003_move_report_job_to_reports"), ("reports", "0001_initial")]
MOVED = {"equity_reportjob", "equity_historicalreportjob"}


def test_report_jobs_keep_their_rows_history_and_content_type_across_the_move(scratch_db):
    using = scratch_db.alias
    old = scratch_db.migrate(BEFORE)
    assert MOVED <= scratch_db.table_names()
    # The content types `migrate` would have made for the old models (its post_migrate step, which a bare executor
    # does not run), and one of another app's model with the same name, which must stay where it is.
    content_types = old.get_model("contenttypes", "ContentType").objects.using(using)
    job_type = content_types.create(app_label="equity", model="reportjob")
    history_type = content_types.create(app_label="equity", model="historicalreportjob")
    unrelated = content_types.create(app_label="training", model="reportjob")
    dept = old.get_model("equity", "Department").objects.using(using).create(name="Community Development", code="CD")
    manager = (
        old.get_model("equity", "User")
        .objects.using(using)
        .create(username="manager", full_name="Mia Manager", email="manager@example.org", is_manager=True)
    )
    job = old.get_model("equity", "ReportJob").objects.using(using).create(
        kind="department_roster", title="Staff and roles: before the move", requested_by_id=manager.pk,
        department_id=dept.pk, queued_at=timezone.now(), status="done", params={"target": 1},
    )  # fmt: skip
    old.get_model("equity", "HistoricalReportJob").objects.using(using).create(
        id=job.pk, kind=job.kind, title=job.title, params={}, status="done", attempts=0, queued_at=job.queued_at,
        created_at=job.created_at, updated_at=job.updated_at, history_date=timezone.now(), history_type="+",
        requested_by_id=manager.pk,
    )  # fmt: skip

    after = scratch_db.migrate(AFTER)  # the models as of 0001 (later migrations add columns)
    tables = scratch_db.table_names()
    assert {"reports_reportjob", "reports_historicalreportjob"} <= tables
    assert not MOVED & tables
    moved = after.get_model("reports", "ReportJob").objects.using(using).get(pk=job.pk)
    assert (moved.title, moved.requested_by_id, moved.department_id, moved.params) == (
        "Staff and roles: before the move", manager.pk, dept.pk, {"target": 1},
    )  # fmt: skip
    history = after.get_model("reports", "HistoricalReportJob").objects.using(using).filter(id=job.pk)
    assert list(history.values_list("title", flat=True)) == [job.title]
    content_types = after.get_model("contenttypes", "ContentType").objects.using(using)
    assert dict(content_types.values_list("pk", "app_label")) == {
        job_type.pk: "reports", history_type.pk: "reports", unrelated.pk: "training",
    }  # fmt: skip

    back = scratch_db.migrate(BEFORE)  # and back again, still with the row and its content types
    assert MOVED <= scratch_db.table_names()
    assert back.get_model("equity", "ReportJob").objects.using(using).filter(pk=job.pk, title=job.title).exists()
    content_types = back.get_model("contenttypes", "ContentType").objects.using(using)
    assert dict(content_types.values_list("pk", "app_label")) == {
        job_type.pk: "equity", history_type.pk: "equity", unrelated.pk: "training",
    }  # fmt: skip
