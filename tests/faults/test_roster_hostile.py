"""Hostile roster files through the upload page (issue 15, findings 6 and 9): each gets one clear message on the
page, nothing is saved, never a 500, in bounded time and memory; a formula cell is stored as text and exported
so that no spreadsheet runs it."""

import time
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.training.factories import FacilitatorFactory, ModuleFactory, SessionFactory
from training.models import Attendance, RosterImport
from training.roster_file import MAX_COLUMNS, MAX_ROWS, MAX_VALUE_CHARS
from training.roster_import import roster_import_check, roster_import_commit

pytestmark = [pytest.mark.fault, pytest.mark.django_db]

HEADER = "email,employee_id,name,organisation,status,minutes,completed\n"
ROW = "{n}@example.org,,Person {n},,attended,60,yes\n"
PEAK_BYTES = 40 * 1024 * 1024  # the upload itself is at most 5 MB


def _post(client, session, data: bytes, name: str = "roster.csv"):
    """Upload as the facilitator; the response, the seconds taken and tracemalloc's peak in bytes."""
    url = reverse("training:roster_import_upload", args=[session.pk])
    upload = SimpleUploadedFile(name, data, content_type="text/csv")
    tracemalloc.start()
    started = time.perf_counter()
    response = client.post(url, {"file": upload})
    seconds = time.perf_counter() - started
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{name}: {len(data):,} bytes, {seconds:.3f} s, peak {peak / 1e6:.1f} MB")
    return response, seconds, peak


def _refused(client, session, data: bytes, message: str, name: str = "roster.csv") -> None:
    response, seconds, peak = _post(client, session, data, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RosterImport.objects.exists() and not Attendance.objects.exists()
    assert peak < PEAK_BYTES, (seconds, peak)  # times are printed, never asserted (standing rule 5)


@pytest.fixture
def session(personas):
    """A session the `facilitator` persona delivers (tests/training's fixture; this folder has its own)."""
    module = ModuleFactory(title="Advancing Racial Equity")
    return SessionFactory(
        module=module, lead_facilitator=FacilitatorFactory(user=personas.facilitator, modules=[module])
    )


@pytest.fixture
def facilitator_client(client, personas, session):
    client.force_login(personas.facilitator)
    return client


def test_a_300000_column_file_is_refused_before_its_header_is_parsed(facilitator_client, session):
    header = ",".join(f"c{i}" for i in range(300_000)) + "\n"
    data = (header + ",".join("x" for _ in range(300_000)) + "\n").encode()
    _refused(
        facilitator_client, session, data, f"The file has 300000 columns; a roster file can have at most {MAX_COLUMNS}"
    )


def test_a_file_one_column_over_the_limit_is_refused(facilitator_client, session):
    header = ",".join(f"column {i}" for i in range(MAX_COLUMNS + 1)) + "\n"
    _refused(facilitator_client, session, (header + "a\n").encode(), f"The file has {MAX_COLUMNS + 1} columns")


def test_a_row_wider_than_its_header_is_refused(facilitator_client, session):
    data = (HEADER + ROW.format(n=1).rstrip("\n") + "," * 200_000 + "x\n").encode()
    _refused(facilitator_client, session, data, "Line 2: it has 200007 values but the header names 7 columns.")


def test_one_row_over_the_maximum_is_refused_and_the_maximum_is_accepted(facilitator_client, session):
    rows = "".join(ROW.format(n=i) for i in range(MAX_ROWS))
    _refused(facilitator_client, session, (HEADER + rows + ROW.format(n="extra")).encode(),
             f"The file has more than {MAX_ROWS} rows")  # fmt: skip
    response, seconds, _peak = _post(facilitator_client, session, (HEADER + rows).encode())
    assert response.status_code == 302 and len(RosterImport.objects.get().rows) == MAX_ROWS


def test_utf16_without_a_byte_order_mark_is_named(facilitator_client, session):
    data = (HEADER + ROW.format(n=1)).encode("utf-16-le")
    _refused(facilitator_client, session, data, "The file is saved as UTF-16")


def test_utf16_with_a_byte_order_mark_is_named(facilitator_client, session):
    _refused(facilitator_client, session, (HEADER + ROW.format(n=1)).encode("utf-16"), "The file is saved as UTF-16")


def test_latin1_is_refused_with_its_line(facilitator_client, session):
    data = (HEADER + "jos\xe9@example.org,,José,,attended,,\n").encode("latin-1")
    _refused(facilitator_client, session, data, "The file is not UTF-8 encoded (line 2")


def test_a_nul_byte_past_the_first_kilobytes_is_refused(facilitator_client, session):
    rows = "".join(ROW.format(n=i) for i in range(200)).encode()
    _refused(facilitator_client, session, HEADER.encode() + rows + b"\x00" + rows[:50], "contains NUL bytes")


def test_a_huge_single_field_is_refused(facilitator_client, session):
    data = (HEADER + ',,"' + "A" * 3_000_000 + '",,attended,,\n').encode()
    _refused(facilitator_client, session, data, f"Line 2: a value is longer than {MAX_VALUE_CHARS:,}".replace(",", ""))


def test_a_name_one_character_over_its_limit_is_a_problem_row_never_cut(facilitator_client, personas, session):
    data = (HEADER + f",,{'N' * 151},individual,attended,,\n" + f",,{'M' * 150},individual,attended,,\n").encode()
    response, _seconds, _peak = _post(facilitator_client, session, data)
    assert response.status_code == 302
    check = roster_import_check(imp=RosterImport.objects.get())
    assert [r.line for r in check.problems] == [2]
    assert "The name has 151 characters; at most 150." in check.problems[0].errors
    assert [r.external_name for r in check.ready] == ["M" * 150]


def test_a_byte_order_mark_is_not_part_of_the_first_column(facilitator_client, session):
    response, _seconds, _peak = _post(facilitator_client, session, ("\ufeff" + HEADER + ROW.format(n=1)).encode())
    assert response.status_code == 302
    imp = RosterImport.objects.get()
    assert imp.header[0] == "email" and imp.mapping["email"] == "email"


def test_formula_cells_are_stored_as_text_and_exported_as_text(client, personas, session):
    formula = "=cmd|' /C calc'!A0"
    client.force_login(personas.facilitator)
    data = (HEADER + f',,"{formula}",@SUM(1+1),attended,60,yes\n').encode()
    assert _post(client, session, data)[0].status_code == 302
    roster_import_commit(author=personas.facilitator, imp=RosterImport.objects.get())
    attendance = Attendance.objects.get()
    assert (attendance.external_name, attendance.external_organisation) == (formula, "@SUM(1+1)")
    client.force_login(personas.equity)
    exported = b"".join(client.get(reverse("training:attendance_export", args=["csv"])).streaming_content).decode()
    assert ",'=cmd|' /C calc'!A0,,,'@SUM(1+1)," in exported  # an apostrophe: shown as text, never run
