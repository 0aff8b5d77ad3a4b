"""Pages: query budgets at two data sizes, the log-session and import flows through HTTP, exports."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import UserFactory
from tests.queries import assert_constant_queries
from tests.training.factories import AttendanceFactory, FacilitatorFactory, ModuleFactory, SessionFactory
from training.models import Attendance, RosterImport, Session

pytestmark = pytest.mark.django_db


def _grow_roster(session, n, department):
    for _ in range(n):
        AttendanceFactory(session=session, user=UserFactory(departments=[department]), department=department)


@pytest.fixture
def grow(personas, module, facilitator_record, session):
    """Adds sessions, facilitators, modules, people and attendance across both departments."""

    def _grow():
        other_module = ModuleFactory(title="Leading", required_for="managers")
        FacilitatorFactory(modules=[module, other_module])
        for offset in (-20, -10, 5, 12):
            s = SessionFactory(module=other_module, date=timezone.localdate() + timedelta(days=offset),
                               lead_facilitator=facilitator_record, department=personas.dept, capacity=10)  # fmt: skip
            s.co_facilitators.set([FacilitatorFactory(modules=[other_module])])
            _grow_roster(s, 3, personas.dept)
        _grow_roster(session, 4, personas.other_dept)
        AttendanceFactory(session=SessionFactory(module=other_module), user=personas.staff)
        AttendanceFactory(session=SessionFactory(module=module), user=personas.manager)

    return _grow


BUDGETS = [
    ("equity", "training:session_list", None, 12),
    ("staff", "training:session_calendar", None, 12),
    ("facilitator", "training:session_detail", "session", 11),
    ("equity", "training:module_list", None, 10),
    ("staff", "training:module_detail", "module", 12),
    ("staff", "training:facilitator_list", None, 10),
    ("staff", "training:my_record", None, 12),
    ("manager", "training:person_record", "staff", 18),
    # Issue 14 adds the overdue section: up to 4 queries (requirements, people, departments, completions).
    ("manager", "training:completion_report", None, 10),
    ("equity", "training:completion_report", None, 11),
    ("facilitator", "training:roster_edit", "session", 14),
    ("facilitator", "training:session_create", None, 14),
    # The dashboard carries every app's panels; the training panels add 3-7 queries of these.
    ("manager", "dashboard", None, 30),
    ("facilitator", "dashboard", None, 30),
]


@pytest.mark.parametrize(("persona", "url_name", "arg", "budget"), BUDGETS, ids=[f"{b[1]}-{b[0]}" for b in BUDGETS])
def test_page_queries_constant(client, personas, module, session, grow, persona, url_name, arg, budget, capsys):
    AttendanceFactory(session=session, user=UserFactory(departments=[personas.dept]), department=personas.dept)
    # The person record paginates: an empty first page costs no query, so start with one row on staff's record.
    AttendanceFactory(session=session, user=personas.staff, department=personas.dept)
    client.force_login(personas.get(persona))
    kwargs = {"session": {"pk": session.pk}, "module": {"pk": module.pk}, "staff": {"pk": personas.staff.pk}}
    url = reverse(url_name, kwargs=kwargs.get(arg))
    count = assert_constant_queries(client, url, grow=grow, budget=budget)
    with capsys.disabled():
        print(f"\nQUERIES {url_name} as {persona}: {count}")


def test_import_review_queries_constant(client, personas, session, capsys):
    client.force_login(personas.facilitator)
    rows = [[2, [personas.staff.email, "attended"]], [3, ["nobody@example.org", "attended"]]]
    imp = RosterImport.objects.create(session=session, created_by=personas.facilitator, filename="r.csv",
                                      header=["email", "status"], rows=rows,
                                      mapping={"email": "email", "status": "status"})  # fmt: skip

    def grow():
        users = [UserFactory() for _ in range(5)]
        imp.rows += [[10 + i, [u.email, "attended"]] for i, u in enumerate(users)]
        imp.rows += [[30 + i, [f"ghost{i}@example.org", "maybe"]] for i in range(5)]
        imp.save()

    count = assert_constant_queries(client, reverse("training:roster_import_review", args=[imp.pk]), grow, budget=12)
    with capsys.disabled():
        print(f"\nQUERIES training:roster_import_review as facilitator: {count}")


def test_log_session_with_roster_in_one_form(client, personas, module, facilitator_record):
    client.force_login(personas.facilitator)
    data = {
        "module": module.pk, "date": "2026-10-01", "start_time": "09:00", "end_time": "11:00",
        "hours_credited": "2", "format": "in_person", "lead_facilitator": facilitator_record.pk,
        "audience": "all_staff", "roster-TOTAL_FORMS": "3", "roster-INITIAL_FORMS": "0",
        "roster-0-user": personas.staff.pk, "roster-0-status": "attended", "roster-0-completed": "on",
        "roster-1-external_name": "Aisha Mohamed", "roster-1-external_organisation": "Hennepin County",
        "roster-1-status": "attended", "roster-1-completed": "on",
        "roster-2-status": "attended",
    }  # fmt: skip
    response = client.post(reverse("training:session_create"), data)
    session = Session.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("training:session_detail", args=[session.pk])
    assert Attendance.objects.filter(session=session, completed=True).count() == 2


def test_log_session_errors_are_shown_and_nothing_saved(client, personas, module, facilitator_record):
    client.force_login(personas.facilitator)
    data = {
        "module": module.pk, "date": "2026-10-01", "start_time": "11:00", "end_time": "09:00",
        "hours_credited": "-1", "format": "in_person", "lead_facilitator": facilitator_record.pk,
        "audience": "all_staff", "roster-TOTAL_FORMS": "2", "roster-INITIAL_FORMS": "0",
        "roster-0-user": personas.staff.pk, "roster-0-status": "attended",
        "roster-1-user": personas.staff.pk, "roster-1-status": "attended",
    }  # fmt: skip
    response = client.post(reverse("training:session_create"), data)
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert not Session.objects.exists()
    data.update({"start_time": "09:00", "end_time": "11:00", "hours_credited": "2"})
    response = client.post(reverse("training:session_create"), data)
    assert b"already on this roster" in response.content
    assert not Session.objects.exists()


def test_tampered_roster_choice_is_a_form_error(client, personas, session):
    client.force_login(personas.facilitator)
    data = {"roster-TOTAL_FORMS": "1", "roster-INITIAL_FORMS": "0", "roster-0-user": "999999",
            "roster-0-status": "hacked"}  # fmt: skip
    response = client.post(reverse("training:roster_edit", args=[session.pk]), data)
    assert response.status_code == 200 and not Attendance.objects.exists()


def test_stale_session_edit_is_refused(client, personas, session, facilitator_record):
    client.force_login(personas.facilitator)
    data = {"module": session.module.pk, "date": "2026-10-01", "start_time": "09:00", "end_time": "11:00",
            "hours_credited": "2", "format": "in_person", "lead_facilitator": facilitator_record.pk,
            "audience": "all_staff", "revision": session.revision - 1 if session.revision > 1 else 99}  # fmt: skip
    response = client.post(reverse("training:session_update", args=[session.pk]), data)
    assert response.status_code == 200 and b"since you opened this page" in response.content


def test_roster_import_through_the_pages(client, personas, session):
    client.force_login(personas.facilitator)
    csv = "Name (Original Name),User Email,Duration (Minutes)\nSam Staff,staff@example.org,120\nGhost,ghost@x.org,30\n"
    upload = SimpleUploadedFile("zoom.csv", csv.encode(), content_type="text/csv")
    response = client.post(reverse("training:roster_import_upload", args=[session.pk]), {"file": upload})
    imp = RosterImport.objects.get()
    assert response["Location"] == reverse("training:roster_import_map", args=[imp.pk])
    mapping = {"name": "Name (Original Name)", "email": "User Email", "minutes": "Duration (Minutes)"}
    response = client.post(reverse("training:roster_import_map", args=[imp.pk]), mapping)
    review = reverse("training:roster_import_review", args=[imp.pk])
    assert response["Location"] == review
    page = client.get(review)
    assert b"No staff member has the e-mail address ghost@x.org" in page.content
    # Saving with a problem left is refused.
    client.post(reverse("training:roster_import_save", args=[imp.pk]))
    assert not Attendance.objects.exists()
    # A tampered resolution (a row that is not in the file) is refused with 400 and changes nothing.
    assert client.post(review, {"line": "77", "r-77-action": "drop"}).status_code == 400
    assert client.post(review, {"line": "x"}).status_code == 400
    client.post(review, {"line": "3", "r-3-action": "external", "r-3-name": "Ghost Guest", "r-3-organisation": "PTA"})
    response = client.post(reverse("training:roster_import_save", args=[imp.pk]))
    assert response["Location"] == reverse("training:session_detail", args=[session.pk])
    assert Attendance.objects.filter(session=session).count() == 2
    assert Attendance.objects.get(external_name="Ghost Guest").status == "partial"  # 30 of 120 minutes


def test_upload_errors_are_shown(client, personas, session):
    client.force_login(personas.facilitator)
    upload = SimpleUploadedFile("roster.csv", "email\ncafé@example.org\n".encode("utf-16"), content_type="text/csv")
    response = client.post(reverse("training:roster_import_upload", args=[session.pk]), {"file": upload})
    assert response.status_code == 200 and b"There is a problem" in response.content
    assert not RosterImport.objects.exists()


def test_attendance_exports_neutralise_formulas(client, personas, session):
    AttendanceFactory(session=session, user=None, external_name="=HYPERLINK(\"http://x\")",
                      external_organisation="+SUM(A1)")  # fmt: skip
    AttendanceFactory(session=session, user=personas.staff, department=personas.dept)
    client.force_login(personas.equity)
    response = client.get(reverse("training:attendance_export", args=["csv"]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in body and "'+SUM(A1)" in body
    assert "Sam Staff" in body and "Community Development" in body
    response = client.get(reverse("training:attendance_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    # Typed text cells: the exact text, no stray apostrophe, and no cell is a formula.
    assert '=HYPERLINK("http://x")' in [c.value for c in cells] and not any(c.data_type == "f" for c in cells)


def test_manager_attendance_export_is_scoped_to_their_departments(client, personas, session):
    AttendanceFactory(session=session, user=personas.staff, department=personas.dept)
    AttendanceFactory(session=session, user=personas.other_staff, department=personas.other_dept)
    client.force_login(personas.manager)
    body = b"".join(client.get(reverse("training:attendance_export", args=["csv"])).streaming_content).decode()
    assert "Sam Staff" in body and "Olu Other" not in body


def test_completion_export_matches_the_report(client, personas, session):
    AttendanceFactory(session=session, user=personas.staff)
    client.force_login(personas.manager)
    body = b"".join(client.get(reverse("training:completion_export", args=["csv"])).streaming_content)
    lines = body.decode("utf-8-sig").strip().splitlines()
    assert lines[0] == "Department,Module,Staff required,Completed,Percent,Still needed"
    assert lines[1:] == ["Community Development,Advancing Racial Equity,3,1,33.3,2"]
    response = client.get(reverse("training:completion_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [c.value for c in sheet[2]] == ["Community Development", "Advancing Racial Equity", 3, 1, 33.3, 2]


def test_completion_report_page_has_chart_and_table(client, personas, session):
    AttendanceFactory(session=session, user=personas.staff)
    client.force_login(personas.manager)
    html = client.get(reverse("training:completion_report")).content.decode()
    assert f'<img src="{reverse("training:completion_chart")}"' in html and "33.3%" in html
    assert '<svg role="img"' in client.get(reverse("training:completion_chart")).content.decode()
    assert "Mia Manager" in html and "Fay Facilitator" in html  # who still needs it
    assert "Public Works" not in html


def test_stale_roster_edit_is_refused(client, personas, session):
    client.force_login(personas.facilitator)
    url = reverse("training:roster_edit", args=[session.pk])
    stamp = client.get(url).context["stamp"]
    AttendanceFactory(session=session, user=personas.manager)  # someone else saves meanwhile
    data = {"roster_stamp": stamp, "roster-TOTAL_FORMS": "1", "roster-INITIAL_FORMS": "0",
            "roster-0-user": personas.staff.pk, "roster-0-status": "attended"}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200 and b"since you opened this page" in response.content
    assert not Attendance.objects.filter(user=personas.staff).exists()
    data["roster_stamp"] = client.get(url).context["stamp"]
    data.update({"roster-TOTAL_FORMS": "2", "roster-INITIAL_FORMS": "1", "roster-0-id": Attendance.objects.get().pk,
                 "roster-0-user": personas.manager.pk, "roster-1-user": personas.staff.pk,
                 "roster-1-status": "attended"})  # fmt: skip
    assert client.post(url, data).status_code == 302
    assert Attendance.objects.filter(session=session).count() == 2


def test_facilitator_list_paginates_with_counts_and_modules(client, personas, module, session, settings):
    settings.LIST_PAGE_SIZE = 2
    other = ModuleFactory(title="Leading")
    FacilitatorFactory(user=UserFactory(full_name="Aaron First"), modules=[other, module])
    FacilitatorFactory(user=UserFactory(full_name="Zoe Last"), modules=[])
    client.force_login(personas.staff)
    url = reverse("training:facilitator_list")
    first = client.get(url).content.decode()
    assert "3 facilitators" in first and "Aaron First" in first and "Zoe Last" not in first
    assert "Advancing Racial Equity; Leading" in first  # certified modules by title
    last = client.get(url, {"page": "999"}).content.decode()
    assert "Zoe Last" in last and "Aaron First" not in last and "Page 2 of 2" in last


def test_upcoming_groups_sessions_by_month_and_day(client, personas, module):
    today = timezone.localdate()
    first = (today.replace(day=1) + timedelta(days=62)).replace(day=1)  # the first of a month two months ahead
    later = (first + timedelta(days=40)).replace(day=3)
    for day, hour in [(first, 9), (first, 13), (later, 9)]:
        SessionFactory(module=module, date=day, start_time=f"{hour:02d}:00", end_time=f"{hour + 1:02d}:00")
    client.force_login(personas.staff)
    html = client.get(reverse("training:session_calendar")).content.decode()
    months = [f"{d:%B} {d.year}" for d in (first, later)]
    assert all(html.count(f">{m}</h2>") == 1 for m in months) and html.index(months[0]) < html.index(months[1])
    assert (
        html.count(f'<time datetime="{first:%Y-%m-%d}">') == 1
        and html.count(f'<time datetime="{later:%Y-%m-%d}">') == 1
    )
    assert html.count(f"{module.title}</a>") == 3
