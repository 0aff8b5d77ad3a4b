"""Hostile text in the training filters and import resolutions never gives a 500 and never changes data."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings

from tests.db_state import nothing_saved
from tests.fuzz import assert_never_fails, hostile_text
from training.models import Attendance, RosterImport, Session

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(text=hostile_text())
def test_fuzz_session_and_report_filters(client, personas, session, text):
    client.force_login(personas.equity)
    with nothing_saved():
        for name, params in [
            (
                "training:session_list",
                {"module": text, "department": text, "date_from": text, "format": text, "page": text},
            ),
            ("training:session_calendar", {"mine": text, "page": text}),
            ("training:facilitator_list", {"page": text}),
            ("training:completion_report", {"module": text, "department": text, "date_to": text}),
        ]:
            assert_never_fails(client.get(reverse(name), params))
        assert_never_fails(client.get(reverse("training:attendance_export", args=["csv"]), {"date_from": text}))


@FUZZ
@given(text=hostile_text())
def test_fuzz_import_resolutions(client, personas, session, text):
    client.force_login(personas.facilitator)
    imp = RosterImport.objects.create(session=session, created_by=personas.facilitator, filename="r.csv",
                                      header=["email"], rows=[[2, ["ghost@example.org"]]],
                                      mapping={"email": "email"})  # fmt: skip
    sessions, attendances = Session.objects.count(), Attendance.objects.count()
    data = {"line": "2", "r-2-action": "external", "r-2-name": text, "r-2-organisation": text, "r-2-minutes": text}
    assert_never_fails(client.post(reverse("training:roster_import_review", args=[imp.pk]), data))
    assert_never_fails(client.get(reverse("training:roster_import_review", args=[imp.pk])))
    assert_never_fails(client.post(reverse("training:roster_import_save", args=[imp.pk])))
    assert_never_fails(client.post(reverse("training:roster_import_review", args=[imp.pk]), {"line": text}))
    assert Session.objects.count() == sessions
    assert Attendance.objects.count() - attendances in (0, 1)  # the one row, saved as an external attendee or not
