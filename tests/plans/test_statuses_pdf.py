"""The plan PDF with the new statuses: the roll-up wording, legend labels, cancelled actions and the attention
order, checked in the PDF's extracted text."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from plans.models import StatusLegendEntry
from reports.jobs import report_job_request
from reports.kinds import report_kind_get
from tests.plans.factories import ActionFactory, PlanFactory
from tests.reports.factories import pdf_text

pytestmark = pytest.mark.django_db


def test_plan_pdf_rollup_wording_labels_cancelled_and_attention_order(personas, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    plan = PlanFactory(title="Housing Stability Action Plan", departments=[personas.dept], owner=personas.manager)
    make = lambda title, **kw: ActionFactory(  # noqa: E731
        plan=plan, title=title, lead_department=personas.dept, start_date=None, **kw
    )
    make("Zoning review later", status="on_track", percent_complete=20, due_date=today + datetime.timedelta(days=400))
    make("Overdue tenant fund", status="in_progress", percent_complete=10, due_date=today - datetime.timedelta(days=9))
    make("Risky rental registry", status="at_risk", percent_complete=30, due_date=today + datetime.timedelta(days=300))
    make("Community board unknown", status="not_reported", percent_complete=None, due_date=None)
    make("Withdrawn fee review", status="cancelled", percent_complete=90, cancelled_reason="Council withdrew it.")
    StatusLegendEntry.objects.filter(status="in_progress").update(label="Under way")
    with django_capture_on_commit_callbacks(execute=True):
        job = report_job_request(user=personas.manager, kind=report_kind_get("plan_progress"), target=plan, params={})
    job.refresh_from_db()
    text = " ".join(pdf_text(Path(job.file.path)).split())
    assert "20% average of 3 reporting; 1 not reported" in text
    assert "1 cancelled, not counted" in text
    assert "Under way" in text  # the legend's label
    assert "Cancelled / withdrawn" in text and "Council withdrew it." in text
    assert "percent complete not reported" in text
    order = [text.index(t) for t in ("Risky rental registry", "Overdue tenant fund", "Zoning review later",
                                     "Community board unknown", "Withdrawn fee review")]  # fmt: skip
    assert order == sorted(order), "needing attention first: at risk, overdue, the rest by due date, cancelled last"
