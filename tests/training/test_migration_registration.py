"""Migration 0004: existing attendance rows get unique verification codes (their history rows the same code), and
external participants recorded without an organisation become explicit individuals."""

from datetime import date, time

import pytest
from django.utils import timezone

from tests.migrations import migrate_to, migrate_to_latest
from training.models import VERIFICATION_ALPHABET, Attendance

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("training", "0003_completion_rollup")]
AFTER = [("training", "0004_registration_verification")]


def test_existing_attendance_gets_codes_and_externals_without_organisation_become_individuals(personas):
    try:
        old = migrate_to(BEFORE)
        module = old.get_model("training", "Module").objects.create(title="Foundations")
        session = old.get_model("training", "Session").objects.create(
            module=module, date=date(2026, 3, 2), start_time=time(9), end_time=time(11), hours_credited=2
        )
        OldAttendance = old.get_model("training", "Attendance")
        staff = OldAttendance.objects.create(session=session, user_id=personas.staff.pk, completed=True)
        guest = OldAttendance.objects.create(session=session, external_name="Ana Guest")
        partner = OldAttendance.objects.create(session=session, external_name="Bo", external_organisation="County")
        old.get_model("training", "HistoricalAttendance").objects.create(
            id=staff.pk, session_id=session.pk, user_id=personas.staff.pk, external_name="", external_organisation="",
            status="attended", completed=True, created_at=timezone.now(), updated_at=timezone.now(),
            history_date=timezone.now(), history_type="+",
        )  # fmt: skip

        migrate_to(AFTER)
        rows = {a.pk: a for a in Attendance.objects.all()}
        codes = [a.verification_code for a in rows.values()]
        assert len(set(codes)) == 3 and all(len(c) == 12 and set(c) <= set(VERIFICATION_ALPHABET) for c in codes)
        assert rows[guest.pk].external_individual and not rows[partner.pk].external_individual
        assert not rows[staff.pk].external_individual
        history = Attendance.history.get(id=staff.pk)
        assert history.verification_code == rows[staff.pk].verification_code
    finally:
        migrate_to_latest()
