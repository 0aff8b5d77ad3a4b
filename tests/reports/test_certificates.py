"""Certificates of completion: one participant or a batch for a session; who may request which."""

from pathlib import Path

import pytest
from django.urls import reverse

from reports.models import ReportJob
from tests.reports.factories import pdf_text
from tests.training.factories import AttendanceFactory, FacilitatorFactory, ModuleFactory, SessionFactory

pytestmark = pytest.mark.django_db
Status = ReportJob.Status


@pytest.fixture
def session(personas):
    lead = FacilitatorFactory(user=personas.facilitator)
    session = SessionFactory(module=ModuleFactory(title="Foundations of Racial Equity"), lead_facilitator=lead)
    AttendanceFactory(session=session, user=personas.staff, department=personas.dept)
    AttendanceFactory(session=session, user=personas.other_staff, department=personas.other_dept)
    AttendanceFactory(session=session, user=personas.manager, completed=False, status="partial")
    return session


def _url(session):
    return reverse("reports:job_create", kwargs={"kind": "certificates", "target": session.pk})


def test_certificates_batch_has_one_page_per_completion(client, personas, session, django_capture_on_commit_callbacks):
    client.force_login(personas.facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(_url(session), {"participant": ""}).status_code == 302
    job = ReportJob.objects.get()
    assert job.status == Status.DONE, job.error
    assert job.page_count == 2
    text = pdf_text(Path(job.file.path))
    assert "Sam Staff" in text and "Olu Other" in text and "Mia Manager" not in text  # only completions
    assert "Foundations of Racial Equity" in text and "Certificate of completion" in text
    assert "Fay Facilitator" in text


def test_certificate_for_one_participant_names_the_person_and_module(
    client, personas, session, django_capture_on_commit_callbacks
):
    mine = session.attendances.get(user=personas.staff)
    client.force_login(personas.staff)
    page = client.get(_url(session)).content.decode()
    assert "Sam Staff" in page and "Olu Other" not in page  # a participant may only choose themselves
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(_url(session), {"participant": mine.pk}).status_code == 302
    job = ReportJob.objects.get()
    assert job.title == "Certificate: Sam Staff · Foundations of Racial Equity"
    assert job.page_count == 1
    text = pdf_text(Path(job.file.path))
    assert "Sam Staff" in text and "Foundations of Racial Equity" in text


def test_certificate_for_someone_else_is_refused(client, personas, session):
    theirs = session.attendances.get(user=personas.other_staff)
    client.force_login(personas.staff)
    response = client.post(_url(session), {"participant": theirs.pk})
    assert response.status_code == 200 and "data-error-summary" in response.content.decode()
    assert not ReportJob.objects.exists()


def test_certificates_for_someone_who_did_not_complete_are_403(client, personas, session):
    client.force_login(personas.manager)  # partial attendance, not a facilitator
    assert client.post(_url(session), {"participant": ""}).status_code == 403
    assert not ReportJob.objects.exists()


def test_certificates_for_an_invisible_department_session_are_404(client, personas):
    private = SessionFactory(department=personas.other_dept, audience="department")
    AttendanceFactory(session=private, user=personas.other_staff)
    client.force_login(personas.manager)
    assert client.post(_url(private), {"participant": ""}).status_code == 404
    assert not ReportJob.objects.exists()


def test_certificates_batch_with_no_completion_is_refused(client, personas):
    empty = SessionFactory()
    AttendanceFactory(session=empty, user=personas.staff, completed=False)
    client.force_login(personas.facilitator)
    response = client.post(_url(empty), {"participant": ""})
    assert "Nobody has completed this session yet" in response.content.decode()
    assert not ReportJob.objects.exists()
