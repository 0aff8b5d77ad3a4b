"""Certificate verification codes and the public page; external participants' organisation; named counts."""

from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from reports.models import ReportJob
from tests.reports.factories import pdf_text
from tests.training.factories import AttendanceFactory
from training.forms import RosterRowForm
from training.models import VERIFICATION_ALPHABET, Attendance
from training.roster_check import roster_import_check
from training.roster_import import roster_import_start
from training.views.registrations import VERIFY_MISSES_ALLOWED

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def _verify(code):
    return reverse("verify:certificate_verify", args=[code])


def test_codes_are_long_unique_and_from_the_safe_alphabet(session):
    codes = {AttendanceFactory(session=session).verification_code for _ in range(50)}
    assert len(codes) == 50
    assert all(len(code) >= 10 and set(code) <= set(VERIFICATION_ALPHABET) for code in codes)
    assert Attendance._meta.get_field("verification_code").unique


def test_anonymous_visitor_sees_only_name_module_date_and_city(session, personas):
    attendance = AttendanceFactory(session=session, user=personas.staff)
    response = Client().get(_verify(attendance.verification_code))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sam Staff" in page and "Advancing Racial Equity" in page and "City of" in page
    assert personas.staff.email not in page and "Community Development" not in page  # nothing else about them
    assert response["X-Robots-Tag"] == "noindex"
    typed = attendance.verification_code.lower()[:4] + "-" + attendance.verification_code[4:].lower()
    assert Client().get(_verify(typed)).status_code == 200  # as typed from paper


def test_unknown_and_not_completed_codes_answer_the_same_404(session, personas):
    partial = AttendanceFactory(session=session, user=personas.staff, completed=False, status="partial")
    unknown = Client().get(_verify("ABCDEFGHJKMN"))
    not_completed = Client().get(_verify(partial.verification_code))
    assert unknown.status_code == not_completed.status_code == 404
    assert "No certificate has this verification code." in unknown.content.decode()
    assert "No certificate has this verification code." in not_completed.content.decode()  # no hint it exists


def test_too_many_unknown_codes_from_one_address_are_refused(session, personas):
    good = AttendanceFactory(session=session, user=personas.staff).verification_code
    client = Client()
    for n in range(VERIFY_MISSES_ALLOWED):
        assert client.get(_verify(f"WRONG{n:07d}")).status_code == 404
    assert client.get(_verify("WRONGWRONG99")).status_code == 429
    assert client.get(_verify(good)).status_code == 429  # even a good code, until the window passes
    assert Client(REMOTE_ADDR="10.0.0.9").get(_verify(good)).status_code == 200  # other addresses unaffected


def test_my_training_links_each_certificate_to_its_verification_page(client, session, personas):
    attendance = AttendanceFactory(session=session, user=personas.staff)
    client.force_login(personas.staff)
    page = client.get(reverse("training:my_record")).content.decode()
    assert _verify(attendance.verification_code) in page


def test_the_certificate_pdf_prints_the_verification_code(
    client, session, personas, django_capture_on_commit_callbacks
):
    attendance = AttendanceFactory(session=session, user=personas.staff)
    client.force_login(personas.staff)
    url = reverse("reports:job_create", kwargs={"kind": "certificates", "target": session.pk})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"participant": attendance.pk}).status_code == 302
    job = ReportJob.objects.get()
    assert job.status == ReportJob.Status.DONE, job.error
    text = " ".join(pdf_text(Path(job.file.path)).split())
    assert f"Verification code {attendance.verification_code}" in text
    assert _verify(attendance.verification_code) in text


def test_roster_grid_row_needs_an_organisation_or_individual():
    form = RosterRowForm(data={"external_name": "Ana Guest", "status": "attended"})
    assert not form.is_valid()
    assert "Enter the external participant's organisation" in form.errors["external_organisation"][0]
    both = RosterRowForm(
        data={
            "external_name": "Ana",
            "external_organisation": "County",
            "external_individual": "on",
            "status": "attended",
        }
    )
    assert not both.is_valid() and "not both" in both.errors["external_individual"][0]
    assert RosterRowForm(data={"external_name": "Ana", "external_individual": "on", "status": "attended"}).is_valid()


def test_roster_import_reads_individual_and_refuses_an_external_without_organisation(session, personas):
    csv = "name,organisation,status\nAna Guest,individual,attended\nBo Guest,Hennepin County,attended\n"
    csv += "Cy Guest,,attended\n"
    upload = SimpleUploadedFile("r.csv", csv.encode(), content_type="text/csv")
    imp = roster_import_start(author=personas.facilitator, session=session, upload=upload)
    check = roster_import_check(imp=imp)
    assert [(r.external_name, r.external_organisation, r.external_individual) for r in check.ready] == [
        ("Ana Guest", "", True),
        ("Bo Guest", "Hennepin County", False),
    ]
    assert [r.line for r in check.problems] == [4]
    assert "An external participant needs an organisation, or “individual”." in check.problems[0].errors[0]
    imp.resolutions = {"4": {"action": "external", "name": "Cy Guest", "organisation": ""}}
    problem = roster_import_check(imp=imp).problems[0]
    assert "Cy Guest is an external participant: enter their organisation" in problem.errors[0]
    imp.resolutions = {"4": {"action": "external", "name": "Cy Guest", "organisation": "Individual"}}
    assert roster_import_check(imp=imp).is_clean


def test_session_pages_name_each_count(client, session, personas):
    for status, n in (("attended", 3), ("partial", 2), ("excused", 1), ("no_show", 4)):
        for _ in range(n):
            AttendanceFactory(session=session, status=status, completed=status == "attended")
    client.force_login(personas.facilitator)
    detail = client.get(reverse("training:session_detail", args=[session.pk])).content.decode()
    assert "Attended 3 · partial 2 · excused 1 · no-show 4 · completed 3" in " ".join(detail.split())
    listing = client.get(reverse("training:session_list")).content.decode()
    for header in ("Attended", "Partial", "Excused", "No-show", "Completed"):
        assert f'<th scope="col" class="text-end">{header}</th>' in listing
