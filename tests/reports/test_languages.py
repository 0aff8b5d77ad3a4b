"""Reports and certificates in the requester's language (ADR 0061): the job records it, the worker writes in it, the
HTML says so and the PDF carries the tag (/Lang). Without compiled catalogs gettext answers in English, so the
language shows in /Lang and in the dates of Django's own locale (Spanish) and the portal's formats (Somali, Hmong)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from reports.jobs import report_request_key
from reports.models import ReportJob
from tests.reports.factories import pdf_text, request_roster
from tests.training.factories import AttendanceFactory, FacilitatorFactory, ModuleFactory, SessionFactory

pytestmark = pytest.mark.django_db
Status = ReportJob.Status
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip


def generated(language: str) -> re.Pattern[str]:
    """The footer's date and time in `language`'s DATETIME_FORMAT, month names and AM/PM from its catalog."""
    with translation.override(language):
        months = "|".join(re.escape(translation.gettext(month)) for month in MONTHS)
        halves = "|".join(re.escape(translation.gettext(half)) for half in ("AM", "PM"))
    return re.compile(
        {
            "en": r"(?:%(m)s|[A-Z][a-z]+\.) \d{1,2}, 20\d\d",
            "es": r"\d{1,2} de (?:%(m)s) de 20\d\d",
            "so": r"\d{1,2} (?:%(m)s) 20\d\d, \d\d:\d\d",
            "hmn": r"\d{1,2} (?:%(m)s) 20\d\d, \d{1,2}:\d\d (?:%(h)s)",
        }[language]
        % {"m": months, "h": halves}
    )


def pdf_language(path) -> str:
    return str(PdfReader(path).trailer["/Root"]["/Lang"])  # type: ignore[index]


@pytest.mark.parametrize("language", ["en", "es", "so", "hmn"])
def test_a_report_is_written_in_the_language_it_was_requested_in(
    personas, language, django_capture_on_commit_callbacks
):
    with translation.override(language), django_capture_on_commit_callbacks(execute=True):
        job = request_roster(user=personas.manager, department=personas.dept)
    job.refresh_from_db()
    assert job.status == Status.DONE, job.error
    assert job.language == language
    assert pdf_language(job.file.path) == language
    text = pdf_text(job.file.path)
    assert generated(language).search(text), text[-300:]
    assert "Mia Manager" in text


def test_a_regional_variant_is_recorded_as_the_portal_language(personas, django_capture_on_commit_callbacks):
    with translation.override("es-mx"), django_capture_on_commit_callbacks(execute=True):
        job = request_roster(user=personas.manager, department=personas.dept)
    assert job.language == "es"
    with translation.override("en-us"):
        assert request_roster(user=personas.manager, department=personas.dept).language == "en"


def test_the_same_report_in_two_languages_is_two_jobs_and_in_one_language_one(personas):
    with translation.override("es"):
        first = request_roster(user=personas.manager, department=personas.dept)
        again = request_roster(user=personas.manager, department=personas.dept)
    with translation.override("so"):
        somali = request_roster(user=personas.manager, department=personas.dept)
    assert again.pk == first.pk and again.deduplicated
    assert somali.pk != first.pk and not somali.deduplicated
    assert ReportJob.objects.count() == 2
    params = {"target": personas.dept.pk}
    keys = {report_request_key(kind_code="department_roster", params=params, language=code) for code in "en es".split()}
    assert len(keys) == 2


def test_a_job_from_before_languages_is_built_in_the_default_language(personas, django_capture_on_commit_callbacks):
    from reports.jobs import report_job_run

    job = request_roster(user=personas.manager, department=personas.dept)  # not sent: no on-commit here
    ReportJob.objects.filter(pk=job.pk).update(language="")
    with translation.override("es"):
        assert report_job_run(job_id=job.pk) == Status.DONE
    job.refresh_from_db()
    assert pdf_language(job.file.path) == "en"


def test_the_signed_in_persons_saved_language_is_the_reports(client, personas, django_capture_on_commit_callbacks):
    personas.manager.language = "hmn"
    personas.manager.save(update_fields=["language"])
    client.force_login(personas.manager)
    url = reverse("reports:job_create", kwargs={"kind": "department_roster", "target": personas.dept.pk})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {}, HTTP_ACCEPT_LANGUAGE="es").status_code == 302
    job = ReportJob.objects.get()
    assert job.language == "hmn" and pdf_language(job.file.path) == "hmn"


def test_the_browsers_language_is_the_reports_when_none_is_saved(client, personas, django_capture_on_commit_callbacks):
    client.force_login(personas.manager)
    url = reverse("reports:job_create", kwargs={"kind": "department_roster", "target": personas.dept.pk})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {}, HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9").status_code == 302
    job = ReportJob.objects.get()
    assert job.language == "es" and pdf_language(job.file.path) == "es"


def test_a_certificate_is_in_the_participants_language(client, personas, django_capture_on_commit_callbacks):
    session = SessionFactory(module=ModuleFactory(title="Foundations of Racial Equity"),
                             lead_facilitator=FacilitatorFactory(user=personas.facilitator))  # fmt: skip
    mine = AttendanceFactory(session=session, user=personas.staff, department=personas.dept)
    personas.staff.language = "so"
    personas.staff.save(update_fields=["language"])
    client.force_login(personas.staff)
    url = reverse("reports:job_create", kwargs={"kind": "certificates", "target": session.pk})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"participant": mine.pk}).status_code == 302
    job = ReportJob.objects.get()
    assert job.status == Status.DONE, job.error
    assert job.language == "so" and pdf_language(Path(job.file.path)) == "so"
    assert "Sam Staff" in pdf_text(job.file.path)


def test_the_plan_report_can_be_asked_in_any_portal_language_defaulting_to_the_persons(
    client, personas, django_capture_on_commit_callbacks
):
    from tests.plans.factories import ActionFactory, PlanFactory

    plan = PlanFactory(title="Housing Stability Action Plan", departments=[personas.dept], owner=personas.manager)
    ActionFactory(plan=plan, lead_department=personas.dept, percent_complete=40)
    personas.staff.language = "so"
    personas.staff.save(update_fields=["language"])
    client.force_login(personas.staff)
    url = reverse("reports:job_create", kwargs={"kind": "plan_progress", "target": plan.pk})
    page = client.get(url).content.decode()
    assert '<option value="so" selected>Soomaali</option>' in page and '<option value="es">español</option>' in page
    assert client.post(url, {"language": "fr"}).status_code == 200  # not a portal language: refused
    assert not ReportJob.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"language": "es"}).status_code == 302
    job = ReportJob.objects.get()
    assert job.status == Status.DONE, job.error
    assert job.language == "es" and pdf_language(job.file.path) == "es"
    assert "40\u00a0%" in pdf_text(job.file.path) or "40 %" in pdf_text(job.file.path)  # Spanish percentages
    assert "language" not in job.params
