"""The equity tool worksheet: every step and answer, "Draft" unless completed, 404 for another department's."""

from pathlib import Path

import pytest
from django.urls import reverse

from reports.models import ReportJob
from tests.reports.factories import pdf_text
from tests.tools.conftest import answer_all_required
from tests.tools.factories import AssessmentFactory
from tools.models import Assessment

pytestmark = pytest.mark.django_db


def _url(assessment):
    return reverse("reports:job_create", kwargs={"kind": "worksheet", "target": assessment.pk})


@pytest.mark.parametrize(("status", "draft_mark"), [(Assessment.Status.COMPLETED, False), ("draft", True)])
def test_worksheet_pdf_has_steps_answers_and_a_draft_mark_unless_completed(
    client, personas, django_capture_on_commit_callbacks, status, draft_mark
):
    assessment = AssessmentFactory(department=personas.dept, lead=personas.staff, team=[personas.staff],
                                   status=status, title="Library fines policy")  # fmt: skip
    answer_all_required(assessment, personas.staff)
    client.force_login(personas.staff)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(_url(assessment)).status_code == 302
    job = ReportJob.objects.get()
    assert job.status == ReportJob.Status.DONE, job.error
    text = pdf_text(Path(job.file.path))
    assert "Library fines policy" in text and "Step 1" in text and "An answer." in text
    assert "Review and sign-off" in text and "Page 1 of" in text
    assert ("Draft" in text) is draft_mark


def test_worksheet_of_another_department_is_404_and_creates_no_job(client, personas):
    assessment = AssessmentFactory(department=personas.dept, lead=personas.staff, team=[personas.staff])
    client.force_login(personas.other_staff)
    assert client.post(_url(assessment)).status_code in (404,)
    assert not ReportJob.objects.exists()
