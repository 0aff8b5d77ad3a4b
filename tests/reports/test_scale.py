"""City-scale report jobs: seeded in bulk with history, removed exactly by reset."""

import pytest

from bench.scale import reports as scale
from bench.scale.core import seed_core
from reports.models import ReportJob

pytestmark = pytest.mark.django_db


def test_report_job_scale_seed_and_reset():
    mine = ReportJob.objects.count()
    city = seed_core(factor=0.01)
    assert scale.seed(city) == "50 report jobs"
    jobs = ReportJob.objects.filter(requested_by__username__startswith="scale.")
    assert jobs.count() == 50
    assert {j.status for j in jobs} >= {ReportJob.Status.DONE}
    assert ReportJob.history.filter(requested_by__username__startswith="scale.").count() == 50
    scale.reset()
    assert ReportJob.objects.count() == mine
    assert not ReportJob.history.filter(requested_by__username__startswith="scale.").exists()
