"""Roster CSV import: bad inputs are listed by row, nothing is saved until clean, and the save is atomic."""

import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import UserFactory
from tests.training.factories import AttendanceFactory
from training import roster_import
from training.models import Attendance, RosterImport
from training.roster_file import MAX_ROWS
from training.roster_import import (
    mapping_guess,
    roster_import_check,
    roster_import_commit,
    roster_import_resolve,
    roster_import_set_mapping,
    roster_import_start,
)

pytestmark = pytest.mark.django_db

HEADER = "email,employee_id,name,organisation,status,minutes,completed\n"


def _upload(text: str | bytes, name="roster.csv"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="text/csv")


def _start(personas, session, text):
    return roster_import_start(author=personas.facilitator, session=session, upload=_upload(text))


def test_import_rejects_wrong_encoding(personas, session):
    with pytest.raises(ValidationError, match="not UTF-8"):
        _start(personas, session, (HEADER + "jos\xe9@example.org,,José,,attended,,\n").encode("latin-1"))
    assert not RosterImport.objects.exists()


def test_import_rejects_header_only_and_duplicate_columns(personas, session):
    with pytest.raises(ValidationError, match="no rows"):
        _start(personas, session, HEADER)
    with pytest.raises(ValidationError, match="same name"):
        _start(personas, session, "email,email\na@example.org,b@example.org\n")


def test_import_mapping_requires_a_way_to_identify_people(personas, session):
    imp = _start(personas, session, "status,minutes\nattended,90\n")
    assert imp.mapping == {"status": "status", "minutes": "minutes"}
    with pytest.raises(ValidationError, match="Map at least one"):
        roster_import_set_mapping(author=personas.facilitator, imp=imp, mapping=imp.mapping)
    with pytest.raises(ValidationError, match="not in the file"):
        roster_import_set_mapping(author=personas.facilitator, imp=imp, mapping={"email": "nope"})


def test_import_lists_every_problem_by_row_and_saves_nothing(personas, session):
    UserFactory(email="known@example.org", employee_id="E77", full_name="Kim Known")
    csv = HEADER + "\n".join([
        "staff@example.org,,Sam Staff,,attended,120,yes",       # line 2: fine (persona's e-mail)
        "not-an-email,,Bad Mail,,attended,120,yes",            # line 3: bad e-mail
        "nobody@example.org,,No Body,,attended,120,yes",       # line 4: unmatched
        "staff@example.org,,Sam Again,,attended,120,yes",      # line 5: duplicate of line 2
        ",E77,Kim Known,,maybe,120,yes",                        # line 6: unknown status
        ",,Pat Nameonly,,attended,120,yes",                     # line 7: no e-mail or id
        ",,Aisha Mohamed,Hennepin County,attended,120,yes",     # line 8: external, fine
        "manager@example.org,,Mia,,partial,abc,yes",            # line 9: bad minutes
    ]) + "\n"  # fmt: skip
    imp = _start(personas, session, csv)
    check = roster_import_check(imp=imp)
    problems = {row.line: " ".join(row.errors) for row in check.problems}
    assert set(problems) == {3, 4, 5, 6, 7, 9}
    assert "not a valid e-mail" in problems[3]
    assert "No staff member has the e-mail address nobody@example.org" in problems[4]
    assert "also on row 2" in problems[5]
    assert "Unknown status 'maybe'" in problems[6]
    assert "No e-mail address or employee ID" in problems[7]
    assert "not a number of minutes" in problems[9]
    assert [r.line for r in check.ready] == [2, 8]
    with pytest.raises(ValidationError, match="6 rows still have problems"):
        roster_import_commit(author=personas.facilitator, imp=imp)
    assert not Attendance.objects.exists()


def test_import_resolutions_then_save_in_one_go(personas, session):
    csv = HEADER + "staff@example.org,,Sam,,attended,120,\nnobody@example.org,,Nora Guest,,attended,120,\n"
    csv += "typo@@example.org,,Mia Manager,,,60,\nstaff@example.org,,Sam dup,,attended,120,\n"
    csv += ",,Olu Other,,whatever,120,\n"
    imp = _start(personas, session, csv)
    assert len(roster_import_check(imp=imp).problems) == 4
    roster_import_resolve(author=personas.facilitator, imp=imp, resolutions={
        "3": {"action": "external", "name": "Nora Guest", "organisation": "Park Board"},
        "4": {"action": "user", "user": personas.manager.pk},
        "5": {"action": "drop"},
        "6": {"action": "user", "user": personas.other_staff.pk, "status": "partial"},
    })  # fmt: skip
    check = roster_import_check(imp=imp)
    assert check.is_clean, [(r.line, r.errors) for r in check.problems]
    count = roster_import_commit(author=personas.facilitator, imp=imp)
    assert count == 4
    rows = {a.person_name: a for a in Attendance.objects.filter(session=session)}
    assert rows["Mia Manager"].status == "partial"  # 60 of 120 minutes, no status column value
    assert rows["Mia Manager"].completed is False
    assert rows["Sam Staff"].completed is True and rows["Sam Staff"].department == personas.dept
    assert rows["Nora Guest (Park Board)"].user is None
    assert rows["Olu Other"].status == "partial"
    assert Attendance.history.filter(history_type="+").count() == 4  # bulk insert wrote history
    assert Attendance.history.first().history_user == personas.facilitator
    imp.refresh_from_db()
    assert imp.status == RosterImport.Status.SAVED and imp.rows == []
    with pytest.raises(ValidationError, match="already been imported"):
        roster_import_commit(author=personas.facilitator, imp=imp)


def test_import_refuses_people_already_on_the_roster(personas, session):
    AttendanceFactory(session=session, user=personas.staff)
    imp = _start(personas, session, HEADER + "STAFF@example.org,,Sam,,attended,,\n")
    assert "already on the session's roster" in roster_import_check(imp=imp).problems[0].errors[0]


def test_import_resolution_with_tampered_values_stays_a_problem(personas, session):
    imp = _start(personas, session, HEADER + "nobody@example.org,,No Body,,attended,,\n")
    roster_import_resolve(author=personas.facilitator, imp=imp, resolutions={"2": {"action": "user", "user": 999999}})
    assert roster_import_check(imp=imp).problems[0].errors == ["Choose the staff member this row is."]
    with pytest.raises(ValidationError):
        roster_import_resolve(author=personas.facilitator, imp=imp, resolutions={"99": {"action": "drop"}})


def test_import_capacity_needs_confirmation(personas, session):
    session.capacity = 1
    session.save()
    imp = _start(personas, session, HEADER + "staff@example.org,,,,attended,,\nmanager@example.org,,,,attended,,\n")
    with pytest.raises(ValidationError, match="capacity is 1"):
        roster_import_commit(author=personas.facilitator, imp=imp)
    assert roster_import_commit(author=personas.facilitator, imp=imp, confirm_over_capacity=True) == 2


def test_import_is_atomic_when_the_insert_fails(personas, session, monkeypatch):
    imp = _start(personas, session, HEADER + "staff@example.org,,,,attended,,\nmanager@example.org,,,,attended,,\n")
    real_insert = roster_import.roster_bulk_insert

    def insert_then_fail(*, author, attendances):
        real_insert(author=author, attendances=attendances)
        raise RuntimeError("disk full")

    monkeypatch.setattr(roster_import, "roster_bulk_insert", insert_then_fail)
    with pytest.raises(RuntimeError):
        roster_import_commit(author=personas.facilitator, imp=imp)
    assert not Attendance.objects.exists()
    assert not Attendance.history.exists()
    imp.refresh_from_db()
    assert imp.status == RosterImport.Status.PENDING


def test_videoconference_export_columns_are_recognised(personas, session):
    header = ["Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)", "Guest"]
    assert mapping_guess(header=header) == {"email": "User Email", "name": "Name (Original Name)",
                                            "minutes": "Duration (Minutes)"}  # fmt: skip
    csv = ",".join(header) + "\n"
    csv += "Sam Staff,staff@example.org,09:00,11:00,118,No\n"  # 118 of 120 minutes: attended
    csv += "Mia Manager,manager@example.org,09:00,09:40,1h 0m,No\n"  # 60 of 120: partial
    imp = _start(personas, session, csv)
    roster_import_set_mapping(author=personas.facilitator, imp=imp, mapping=imp.mapping)
    check = roster_import_check(imp=imp)
    assert check.is_clean
    assert [(r.status, r.minutes, r.completed) for r in check.ready] == [("attended", 118, True),
                                                                          ("partial", 60, False)]  # fmt: skip


@pytest.mark.needs_postgres
@pytest.mark.slow
def test_import_of_the_maximum_rows_in_one_transaction(personas, session, capsys):
    """Correctness at the documented maximum (5,000 rows); the time is printed, never asserted (timings drift)."""
    from equity.models import User

    users = [User(username=f"bulk{i}", email=f"bulk{i}@example.org", full_name=f"Bulk {i}") for i in range(MAX_ROWS)]
    User.objects.bulk_create(users, batch_size=2000)
    csv = HEADER + "".join(f"bulk{i}@example.org,,Bulk {i},,attended,120,yes\n" for i in range(MAX_ROWS))
    started = time.perf_counter()
    imp = _start(personas, session, csv)
    check = roster_import_check(imp=imp)
    checked = time.perf_counter()
    count = roster_import_commit(author=personas.facilitator, imp=imp)
    finished = time.perf_counter()
    assert check.is_clean and count == MAX_ROWS
    assert Attendance.objects.filter(session=session).count() == MAX_ROWS
    assert Attendance.history.count() == MAX_ROWS
    with capsys.disabled():
        print(f"\n{MAX_ROWS}-row roster: upload+check {checked - started:.2f} s, save {finished - checked:.2f} s, "
              f"total {finished - started:.2f} s")  # fmt: skip
