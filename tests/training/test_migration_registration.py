"""Migration 0004: existing attendance rows get unique verification codes (their history rows the same code), and
external participants recorded without an organisation become explicit individuals (on a scratch database,
tests/migrations.py)."""

from datetime import date, time

import pytest
from django.utils import timezone

from training.models import VERIFICATION_ALPHABET

pytestmark = pytest.mark.django_db(databases=[])  # the scratch database only; the worker's is refused

BEFORE = [("training", "0003_completion_rollup")]
AFTER = [("training", "0004_registration_verification")]


def test_existing_attendance_gets_codes_and_externals_without_organisation_become_individuals(scratch_db):
    using = scratch_db.alias
    old = scratch_db.migrate(BEFORE)
    staff_member = (
        old.get_model("equity", "User")
        .objects.using(using)
        .create(username="staff", full_name="Sam Staff", email="staff@example.org")
    )
    module = old.get_model("training", "Module").objects.using(using).create(title="Foundations")
    session = (
        old.get_model("training", "Session")
        .objects.using(using)
        .create(module=module, date=date(2026, 3, 2), start_time=time(9), end_time=time(11), hours_credited=2)
    )
    attendance = old.get_model("training", "Attendance").objects.using(using)
    staff = attendance.create(session=session, user_id=staff_member.pk, completed=True)
    guest = attendance.create(session=session, external_name="Ana Guest")
    partner = attendance.create(session=session, external_name="Bo", external_organisation="County")
    old.get_model("training", "HistoricalAttendance").objects.using(using).create(
        id=staff.pk, session_id=session.pk, user_id=staff_member.pk, external_name="", external_organisation="",
        status="attended", completed=True, created_at=timezone.now(), updated_at=timezone.now(),
        history_date=timezone.now(), history_type="+",
    )  # fmt: skip

    new = scratch_db.migrate(AFTER)
    rows = {a.pk: a for a in new.get_model("training", "Attendance").objects.using(using)}
    codes = [a.verification_code for a in rows.values()]
    assert len(set(codes)) == 3 and all(len(c) == 12 and set(c) <= set(VERIFICATION_ALPHABET) for c in codes)
    assert rows[guest.pk].external_individual and not rows[partner.pk].external_individual
    assert not rows[staff.pk].external_individual
    history = new.get_model("training", "HistoricalAttendance").objects.using(using).get(id=staff.pk)
    assert history.verification_code == rows[staff.pk].verification_code
