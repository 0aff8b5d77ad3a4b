"""Required training: the due-date rule, scopes, overdue and due soon, retired requirements, the report and writes."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from equity.concurrency import StaleEdit
from equity.models import StaffAttributes
from tests.training.factories import AttendanceFactory, ModuleFactory, SessionFactory
from training.models import TrainingRequirement
from training.requirement_services import requirement_retire, requirement_save
from training.requirements import DueStatus, clock_start, person_dues, required_report_for_user

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


def _require(module, *, days=90, effective=date(2026, 1, 1), **kw) -> TrainingRequirement:
    return TrainingRequirement.objects.create(module=module, due_days=days, effective_from=effective, **kw)


def _hired(user, day):
    StaffAttributes.objects.update_or_create(user=user, defaults={"hire_date": day})


def test_clock_starts_at_hire_or_account_creation_unless_the_requirement_is_later():
    effective = date(2026, 1, 1)
    hired = date(2026, 3, 1)
    assert clock_start(hire_date=hired, joined=date(2020, 1, 1), effective_from=effective) == hired
    # Hired long before the requirement existed: the clock starts the day it took effect, not years ago.
    assert clock_start(hire_date=date(2015, 3, 1), joined=date(2020, 1, 1), effective_from=effective) == effective
    # No hire date: the account's creation stands in for it.
    assert clock_start(hire_date=None, joined=date(2026, 2, 1), effective_from=effective) == date(2026, 2, 1)
    assert clock_start(hire_date=None, joined=date(2019, 2, 1), effective_from=effective) == effective


def test_due_date_counts_from_the_hire_date(personas):
    module = ModuleFactory()
    _require(module, days=90)
    _hired(personas.staff, date(2026, 2, 1))
    [due] = person_dues(person=personas.staff, today=TODAY)
    assert due.due_on == date(2026, 5, 2) and due.status == DueStatus.OVERDUE


def test_without_hire_date_the_account_creation_date_counts(personas):
    module = ModuleFactory()
    _require(module, days=30, effective=date(2020, 1, 1))
    joined = timezone.localdate(personas.staff.date_joined)
    [due] = person_dues(person=personas.staff, today=joined)
    assert due.due_on == joined + timedelta(days=30) and due.status == DueStatus.DUE_SOON
    [later] = person_dues(person=personas.staff, today=joined + timedelta(days=31))
    assert later.status == DueStatus.OVERDUE


def test_not_yet_due_due_soon_and_done(personas):
    module = ModuleFactory()
    _require(module, days=120)
    _hired(personas.staff, date(2026, 5, 1))
    [due] = person_dues(person=personas.staff, today=TODAY)
    assert due.status == DueStatus.NOT_YET_DUE  # due 2026-08-29, more than 30 days away
    [soon] = person_dues(person=personas.staff, today=date(2026, 8, 1))
    assert soon.status == DueStatus.DUE_SOON
    AttendanceFactory(session=SessionFactory(module=module, date=date(2026, 9, 30)), user=personas.staff)
    [done] = person_dues(person=personas.staff, today=date(2026, 10, 1))
    assert done.status == DueStatus.DONE and done.completed_on == date(2026, 9, 30)  # late, but done


def test_role_scope_applies_to_that_role_only(personas):
    _require(ModuleFactory(title="Leading"), scope=TrainingRequirement.Scope.ROLE, role="manager")
    assert [d.module.title for d in person_dues(person=personas.manager, today=TODAY)] == ["Leading"]
    assert person_dues(person=personas.staff, today=TODAY) == []


def test_department_scope_applies_to_its_members_only(personas):
    _require(ModuleFactory(title="Streets"), scope=TrainingRequirement.Scope.DEPARTMENT, department=personas.other_dept)
    assert [d.module.title for d in person_dues(person=personas.other_staff, today=TODAY)] == ["Streets"]
    assert person_dues(person=personas.staff, today=TODAY) == []


def test_retired_and_future_requirements_apply_to_nobody(personas):
    retired = _require(ModuleFactory(), retired_on=date(2026, 5, 1))
    _require(ModuleFactory(), effective=date(2026, 7, 1))
    assert person_dues(person=personas.staff, today=TODAY) == []
    assert len(person_dues(person=personas.staff, today=date(2026, 4, 30))) == 1  # before it was retired
    assert retired.is_retired


def test_the_earliest_due_date_counts_when_two_requirements_name_one_module(personas):
    module = ModuleFactory()
    _require(module, days=90)
    _require(module, days=30, scope=TrainingRequirement.Scope.DEPARTMENT, department=personas.dept)
    _hired(personas.staff, date(2026, 3, 1))
    [due] = person_dues(person=personas.staff, today=TODAY)
    assert due.due_on == date(2026, 3, 31)


def test_report_counts_overdue_and_due_soon_per_department_and_each_person_once(personas):
    module = ModuleFactory()
    _require(module, days=90)
    for person in (personas.staff, personas.manager, personas.other_staff):
        _hired(person, date(2026, 1, 10))  # due 2026-04-10: overdue on TODAY
    _hired(personas.facilitator, date(2026, 4, 1))  # due 2026-06-30: due soon
    _hired(personas.equity, date(2026, 1, 10))
    AttendanceFactory(session=SessionFactory(module=module), user=personas.equity)
    _hired(personas.other_manager, date(2026, 1, 10))
    personas.other_manager.departments.add(personas.dept)  # in both departments
    report = required_report_for_user(user=personas.equity, today=TODAY)
    rows = {row.department.code: row for row in report.rows}
    assert (rows["CD"].required, rows["CD"].overdue, rows["CD"].due_soon) == (4, 3, 1)
    assert (rows["PW"].required, rows["PW"].overdue, rows["PW"].due_soon) == (3, 2, 0)
    assert (report.total.required, report.total.overdue, report.total.due_soon) == (6, 4, 1)
    names = [person.full_name for person, _dues in rows["CD"].overdue_people]
    assert names == ["Mia Manager", "Omar Othermanager", "Sam Staff"]


def test_manager_report_covers_their_departments_only(personas):
    _require(ModuleFactory())
    report = required_report_for_user(user=personas.manager, today=TODAY)
    assert [row.department.code for row in report.rows] == ["CD"]


def test_requirement_save_checks_permission_scope_and_keeps_history(personas):
    module = ModuleFactory()
    with pytest.raises(PermissionDenied):
        requirement_save(author=personas.manager, requirement=TrainingRequirement(module=module, effective_from=TODAY))
    with pytest.raises(ValidationError) as exc:
        requirement_save(
            author=personas.equity,
            requirement=TrainingRequirement(module=module, effective_from=TODAY, scope="department"),
        )
    assert "department" in exc.value.error_dict
    requirement = requirement_save(
        author=personas.equity,
        requirement=TrainingRequirement(module=module, effective_from=TODAY, scope="all_staff", role="manager"),
    )
    assert requirement.role == ""  # only the field the scope uses is kept
    requirement.due_days = 60
    requirement_save(author=personas.equity, requirement=requirement, expected_revision=1)
    with pytest.raises(StaleEdit):
        requirement_save(author=personas.equity, requirement=requirement, expected_revision=1)
    requirement_retire(author=personas.equity, requirement=requirement, expected_revision=2)
    with pytest.raises(ValidationError):
        requirement_retire(author=personas.equity, requirement=requirement)
    history = list(requirement.history.order_by("history_id"))
    assert [h.history_type for h in history] == ["+", "~", "~"]
    assert all(h.history_user == personas.equity for h in history)
    assert history[-1].retired_on == timezone.localdate()
