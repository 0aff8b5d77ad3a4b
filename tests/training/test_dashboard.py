"""The training dashboard panels read their own lean queries: their figures must equal the pages' selectors'."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import DepartmentFactory, UserFactory
from tests.training.factories import AttendanceFactory, FacilitatorFactory, ModuleFactory, SessionFactory
from training import dashboard
from training.completion import completion_report_for_user
from training.models import Module
from training.registration_models import Registration
from training.selectors import person_record, upcoming_session_list_for_user

pytestmark = pytest.mark.django_db

RequiredFor = Module.RequiredFor


@pytest.fixture
def modules():
    """One module per audience, an optional one and a retired required one."""
    made = [ModuleFactory(title=f"M {value}", required_for=value) for value in RequiredFor.values]
    made.append(ModuleFactory(title="Retired", required_for=RequiredFor.ALL_STAFF, is_active=False))
    return made


def _figures(report):
    return [
        (row.department.pk, row.staff, [(c.module.pk, c.staff, c.completed, c.percent) for c in row.cells])
        for row in report.rows
    ]


def _active():
    return list(Module.objects.filter(is_active=True))


def test_department_completion_panel_matches_the_report(personas, modules):
    extra = DepartmentFactory(name="Aging", code="AG")
    personas.manager.departments.add(extra)
    people = [
        UserFactory(departments=[personas.dept]),
        UserFactory(departments=[personas.dept, extra], is_manager=True),
        UserFactory(departments=[extra], is_facilitator=True, is_equity_team=True),
        UserFactory(departments=[personas.dept], is_active=False),
        UserFactory(departments=[personas.other_dept]),
    ]
    for index, person in enumerate([*people, personas.manager, personas.staff]):
        for module in modules[: 2 + index % len(modules)]:
            AttendanceFactory(session=SessionFactory(module=module), user=person)
    for user in (personas.manager, personas.other_manager):
        required = [m for m in _active() if m.required_for in dashboard.AUDIENCE]
        panel = dashboard.department_completion(user=user, modules=required)
        report = completion_report_for_user(user=user, with_names=False, with_totals=False)
        assert _figures(panel) == _figures(report)
        assert any(cell.completed for row in panel.rows for cell in row.cells) or user == personas.other_manager


def test_department_completion_panel_for_a_manager_who_facilitates_covers_every_department(personas, modules):
    personas.manager.is_facilitator = True
    personas.manager.save()
    AttendanceFactory(session=SessionFactory(module=modules[1]), user=personas.other_staff)
    required = [m for m in _active() if m.required_for in dashboard.AUDIENCE]
    panel = dashboard.department_completion(user=personas.manager, modules=required)
    report = completion_report_for_user(user=personas.manager, with_names=False, with_totals=False)
    assert len(panel.rows) == 2 and _figures(panel) == _figures(report)


def test_my_training_matches_the_person_record(personas, modules):
    for module in modules[:3] + modules[-1:]:
        AttendanceFactory(session=SessionFactory(module=module), user=personas.manager)
    AttendanceFactory(session=SessionFactory(module=modules[0]), user=personas.manager, completed=False)
    for person in (personas.manager, personas.staff, personas.equity):
        mine = dashboard.my_training(user=person, active=_active())["record"]
        record = person_record(person=person)
        assert (mine["completed_count"], mine["hours"], mine["outstanding"]) == (
            record.completed_count,
            record.hours,
            record.outstanding,
        )


def test_my_upcoming_sessions_match_the_selector(personas, module, facilitator_record):
    other = FacilitatorFactory(modules=[module])
    today = timezone.localdate()
    led = SessionFactory(module=module, lead_facilitator=facilitator_record, date=today + timedelta(days=3))
    co_led = SessionFactory(module=module, lead_facilitator=other, date=today + timedelta(days=1))
    co_led.co_facilitators.add(facilitator_record)
    SessionFactory(module=module, lead_facilitator=other, date=today + timedelta(days=2))  # not theirs
    SessionFactory(module=module, lead_facilitator=facilitator_record, date=today - timedelta(days=1))  # past
    for index, status in enumerate(["registered", "registered", "waiting", "cancelled"]):
        Registration.objects.create(session=led, user=UserFactory(username=f"r{index}"), status=status)
    sessions = dashboard.my_upcoming_sessions(user=personas.facilitator)
    mine = [(s.pk, s.registered_count, s.waiting_count) for s in sessions]
    expected = upcoming_session_list_for_user(user=personas.facilitator, facilitator_only=True)[:5]
    assert mine == [(s.pk, s.registered_count, s.waiting_count) for s in expected]
    assert mine == [(co_led.pk, 0, 0), (led.pk, 2, 1)]
