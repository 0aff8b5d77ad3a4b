"""The export memory command runs the attendance export view to completion and reports the peak memory."""

import pytest
from django.core.management import CommandError, call_command

from tests.training.factories import AttendanceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_measure_attendance_export_reports_rows_and_peak_memory(personas, session, capsys, fmt):
    for person in (personas.staff, personas.manager, personas.other_staff):
        AttendanceFactory(session=session, user=person)
    call_command("measure_attendance_export", "--rows", "2", "--format", fmt)
    out = capsys.readouterr().out
    assert out.startswith(f"{fmt}: 3 rows,") and "peak RSS" in out


def test_measure_attendance_export_needs_a_user_who_may_export(db):
    with pytest.raises(CommandError):
        call_command("measure_attendance_export", "--username", "nobody")
