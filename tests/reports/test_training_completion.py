"""The training completion report: by department and module for a period, with counts and percentages."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse

from reports.models import ReportJob
from tests.reports.factories import pdf_text
from tests.training.factories import AttendanceFactory, ModuleFactory, SessionFactory

pytestmark = pytest.mark.django_db
URL = reverse("reports:job_create", kwargs={"kind": "training_completion", "target": 0})


@pytest.fixture
def module(personas):
    module = ModuleFactory(title="Foundations of Racial Equity")
    session = SessionFactory(module=module, date=datetime.date(2026, 3, 10))
    AttendanceFactory(session=session, user=personas.staff, department=personas.dept)
    AttendanceFactory(session=session, user=personas.other_staff, department=personas.other_dept)
    return module


def test_training_completion_pdf_has_departments_modules_counts_and_percentages(
    client, personas, module, django_capture_on_commit_callbacks
):
    client.force_login(personas.equity)
    data = {"date_from": "2026-01-01", "date_to": "2026-12-31", "module": module.pk, "department": ""}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(URL, data).status_code == 302
    job = ReportJob.objects.get()
    assert job.status == ReportJob.Status.DONE, job.error
    assert job.title == "Training completion, 2026-01-01 to 2026-12-31"
    text = pdf_text(Path(job.file.path))
    assert "Training completion report" in text and "Foundations of Racial Equity" in text
    assert "Community Development" in text and "Public Works" in text
    # Community Development: staff, manager, facilitator; one of the three completed.
    assert "1 of 3 completed (33.3%)" in text
    assert "Page 1 of" in text


def test_training_completion_period_excludes_completions_outside_it(
    client, personas, module, django_capture_on_commit_callbacks
):
    client.force_login(personas.manager)
    data = {"date_from": "2026-04-01", "date_to": "2026-12-31", "module": module.pk}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, data)
    text = pdf_text(Path(ReportJob.objects.get().file.path))
    assert "0 of 3 completed (0.0%)" in text
    assert "Public Works" not in text  # a manager sees their own departments only


def test_training_completion_validates_the_period_and_the_department(client, personas, module):
    client.force_login(personas.manager)
    data = {"date_from": "2026-12-31", "date_to": "2026-01-01", "department": personas.other_dept.pk}
    response = client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 200 and "The end of the period is before its start." in html
    assert "Select a valid choice" in html  # another department's figures cannot be asked for
    assert not ReportJob.objects.exists()


def test_training_completion_is_refused_to_staff_and_has_no_target(client, personas):
    client.force_login(personas.staff)
    assert client.post(URL, {"date_from": "2026-01-01", "date_to": "2026-12-31"}).status_code == 403
    client.force_login(personas.manager)
    choose = client.get(reverse("reports:job_choose", kwargs={"kind": "training_completion"}))
    assert choose.status_code == 302 and choose["Location"] == URL
    other = reverse("reports:job_create", kwargs={"kind": "training_completion", "target": 5})
    assert client.get(other).status_code == 404
