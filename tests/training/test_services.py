"""Session and roster rules: times, hours, facilitator certification, duplicates, capacity, stale edits, history."""

from datetime import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.factories import UserFactory
from tests.training.factories import AttendanceFactory, FacilitatorFactory, ModuleFactory
from training.models import Attendance, Module, Session
from training.services import RosterRow, module_save, roster_save, session_log, session_save

pytestmark = pytest.mark.django_db


def _new_session(module, lead, **overrides):
    fields = {"module": module, "date": "2026-03-02", "start_time": time(9), "end_time": time(11),
              "hours_credited": Decimal("2"), "lead_facilitator": lead}  # fmt: skip
    fields.update(overrides)
    return Session(**fields)


def _row(user=None, status=Attendance.Status.ATTENDED, **kw):
    return RosterRow(pk=kw.pop("pk", None), user=user, external_name=kw.pop("external_name", ""),
                     external_organisation=kw.pop("external_organisation", ""), status=status,
                     minutes=kw.pop("minutes", None),
                     completed=kw.pop("completed", True), delete=kw.pop("delete", False))  # fmt: skip


def test_session_save_refuses_end_before_start_and_negative_hours(personas, module, facilitator_record):
    session = _new_session(module, facilitator_record, end_time=time(8), hours_credited=Decimal("-1"))
    with pytest.raises(ValidationError) as exc:
        session_save(author=personas.facilitator, session=session)
    assert set(exc.value.error_dict) == {"end_time", "hours_credited"}
    assert not Session.objects.exists()


def test_session_save_refuses_uncertified_facilitators(personas, module, facilitator_record):
    uncertified = FacilitatorFactory(modules=[ModuleFactory()])
    session = _new_session(module, uncertified)
    with pytest.raises(ValidationError, match="not certified"):
        session_save(author=personas.facilitator, session=session)
    session = _new_session(module, facilitator_record)
    with pytest.raises(ValidationError, match="Not certified"):
        session_save(author=personas.facilitator, session=session, co_facilitators=[uncertified])


def test_session_override_only_by_equity_team(personas, module):
    uncertified = FacilitatorFactory()
    with pytest.raises(ValidationError, match="Only the equity team"):
        session_save(author=personas.facilitator, session=_new_session(module, uncertified, facilitator_override=True))
    session = session_save(author=personas.equity, session=_new_session(module, uncertified, facilitator_override=True))
    assert session.pk and session.history.first().history_user == personas.equity


def test_session_save_refuses_stale_edit(personas, session):
    stale = session.revision
    session.notes = "first"
    session_save(author=personas.facilitator, session=session, expected_revision=stale)
    other = Session.objects.get(pk=session.pk)
    other.notes = "second"
    with pytest.raises(ValidationError, match="since you opened this page"):
        session_save(author=personas.facilitator, session=other, expected_revision=stale)
    assert Session.objects.get(pk=session.pk).notes == "first"


def test_module_save_refuses_negative_hours_and_stale_edit(personas):
    with pytest.raises(ValidationError):
        module_save(author=personas.equity, module=Module(title="X", hours=Decimal("-0.5")))
    module = module_save(author=personas.equity, module=Module(title="X", hours=Decimal("1")))
    module.title = "Y"
    with pytest.raises(ValidationError, match="since you opened this page"):
        module_save(author=personas.equity, module=module, expected_revision=module.revision + 5)


def test_roster_save_refuses_duplicate_attendee(personas, session):
    with pytest.raises(ValidationError, match="already on this roster"):
        roster_save(author=personas.facilitator, session=session, rows=[_row(personas.staff), _row(personas.staff)])
    assert not Attendance.objects.exists()


def test_roster_save_above_capacity_needs_confirmation(personas, session):
    session.capacity = 1
    session.save()
    rows = [_row(personas.staff), _row(personas.manager)]
    with pytest.raises(ValidationError) as exc:
        roster_save(author=personas.facilitator, session=session, rows=rows)
    assert exc.value.error_list[0].code == "over_capacity"
    assert not Attendance.objects.exists()
    roster_save(author=personas.facilitator, session=session, rows=rows, confirm_over_capacity=True)
    assert Attendance.objects.count() == 2


def test_roster_save_updates_deletes_and_records_history(personas, session):
    kept = AttendanceFactory(session=session, user=personas.staff, department=personas.dept)
    removed = AttendanceFactory(session=session, user=personas.manager)
    rows = [
        _row(personas.staff, pk=kept.pk, status=Attendance.Status.NO_SHOW),
        _row(personas.manager, pk=removed.pk, delete=True),
        _row(external_name="Aisha Mohamed", external_organisation="Hennepin County"),
    ]
    roster_save(author=personas.facilitator, session=session, rows=rows)
    kept.refresh_from_db()
    assert kept.status == Attendance.Status.NO_SHOW and kept.completed is False  # a no-show never completes
    assert not Attendance.objects.filter(pk=removed.pk).exists()
    assert Attendance.objects.get(external_name="Aisha Mohamed").completed
    assert kept.history.first().history_user == personas.facilitator
    assert Attendance.history.filter(history_type="-", id=removed.pk).exists()


def test_roster_save_refuses_row_of_another_session(personas, session):
    foreign = AttendanceFactory(user=UserFactory())
    with pytest.raises(ValidationError, match="does not belong"):
        roster_save(author=personas.facilitator, session=session, rows=[_row(personas.staff, pk=foreign.pk)])


def test_roster_save_department_at_the_time(personas, session):
    session.department = personas.other_dept
    session.save()
    both = UserFactory(departments=[personas.dept, personas.other_dept])
    roster_save(author=personas.facilitator, session=session, rows=[_row(personas.staff), _row(both)])
    assert Attendance.objects.get(user=personas.staff).department == personas.dept
    assert Attendance.objects.get(user=both).department == personas.other_dept  # the session's department


def test_session_log_is_all_or_nothing(personas, module, facilitator_record):
    session = _new_session(module, facilitator_record)
    with pytest.raises(ValidationError):
        session_log(author=personas.facilitator, session=session, co_facilitators=[],
                    rows=[_row(personas.staff), _row(personas.staff)])  # fmt: skip
    assert not Session.objects.exists()
