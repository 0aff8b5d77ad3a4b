"""The training dashboard panels read through lean selectors of their own: per persona, their figures must equal
the pages' selectors'."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import DepartmentFactory, UserFactory
from tests.training.factories import AttendanceFactory, FacilitatorFactory, ModuleFactory, SessionFactory
from training.completion import completion_report_for_user, department_completion_for_user
from training.models import Module
from training.registration_models import Registration
from training.selectors import (
    my_training_for_user,
    my_upcoming_sessions_for_user,
    person_record,
    upcoming_session_list_for_user,
)

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


PERSONAS = ("staff", "manager", "facilitator", "equity", "other_staff", "other_manager")


@pytest.fixture
def completions(personas, modules):
    """People across both departments and a third the manager also manages, each with some modules completed."""
    extra = DepartmentFactory(name="Aging", code="AG")
    personas.manager.departments.add(extra)
    people = [
        UserFactory(departments=[personas.dept]),
        UserFactory(departments=[personas.dept, extra], is_manager=True),
        UserFactory(departments=[extra], is_facilitator=True, is_equity_team=True),
        UserFactory(departments=[personas.dept], is_active=False),
        UserFactory(departments=[personas.other_dept]),
    ]
    for index, person in enumerate([*people, personas.manager, personas.staff, personas.other_staff]):
        for module in modules[: 2 + index % len(modules)]:
            AttendanceFactory(session=SessionFactory(module=module), user=person)


@pytest.mark.parametrize("persona", PERSONAS)
def test_department_completion_panel_matches_the_report(personas, completions, persona):
    """The panel's departments and figures are the report's, for every persona (a facilitator's and the equity
    team's cover every department; the panel is shown to managers only)."""
    user = personas.get(persona)
    panel = department_completion_for_user(user=user, active=_active())
    report = completion_report_for_user(user=user, with_names=False, with_totals=False)
    assert _figures(panel) == _figures(report)
    assert [m.pk for m in panel.modules] == [m.pk for m in report.modules]
    expected_rows = {"staff": 0, "other_staff": 0, "manager": 2, "other_manager": 1, "facilitator": 3, "equity": 3}
    assert len(panel.rows) == expected_rows[persona]
    assert any(cell.completed for row in panel.rows for cell in row.cells) == bool(expected_rows[persona])


def test_department_completion_panel_for_a_manager_who_facilitates_covers_every_department(personas, modules):
    personas.manager.is_facilitator = True
    personas.manager.save()
    AttendanceFactory(session=SessionFactory(module=modules[1]), user=personas.other_staff)
    panel = department_completion_for_user(user=personas.manager, active=_active())
    report = completion_report_for_user(user=personas.manager, with_names=False, with_totals=False)
    assert len(panel.rows) == 2 and _figures(panel) == _figures(report)


@pytest.mark.parametrize("persona", PERSONAS)
def test_my_training_matches_the_person_record(personas, modules, persona):
    person = personas.get(persona)
    for module in modules[:3] + modules[-1:]:
        AttendanceFactory(session=SessionFactory(module=module), user=personas.manager)
        AttendanceFactory(session=SessionFactory(module=module), user=personas.other_staff, completed=False)
    AttendanceFactory(session=SessionFactory(module=modules[0]), user=personas.manager, completed=False)
    AttendanceFactory(session=SessionFactory(module=modules[2]), user=personas.equity)
    mine = my_training_for_user(user=person, active=_active())
    record = person_record(person=person)
    assert (mine["completed_count"], mine["hours"], mine["outstanding"]) == (
        record.completed_count,
        record.hours,
        record.outstanding,
    )
    assert mine["completed_count"] == {"manager": 4, "equity": 1}.get(persona, 0)


@pytest.mark.parametrize("persona", PERSONAS)
def test_my_upcoming_sessions_match_the_selector(personas, module, facilitator_record, persona):
    other = FacilitatorFactory(user=personas.other_manager, modules=[module])
    today = timezone.localdate()
    led = SessionFactory(module=module, lead_facilitator=facilitator_record, date=today + timedelta(days=3))
    co_led = SessionFactory(module=module, lead_facilitator=other, date=today + timedelta(days=1))
    co_led.co_facilitators.add(facilitator_record)
    SessionFactory(module=module, lead_facilitator=other, date=today + timedelta(days=2))  # not the facilitator's
    SessionFactory(module=module, lead_facilitator=facilitator_record, date=today - timedelta(days=1))  # past
    for index, status in enumerate(["registered", "registered", "waiting", "cancelled"]):
        Registration.objects.create(session=led, user=UserFactory(username=f"r{index}"), status=status)
    user = personas.get(persona)
    mine = [(s.pk, s.registered_count, s.waiting_count) for s in my_upcoming_sessions_for_user(user=user)[:5]]
    expected = upcoming_session_list_for_user(user=user, facilitator_only=True)[:5]
    assert mine == [(s.pk, s.registered_count, s.waiting_count) for s in expected]
    if persona == "facilitator":
        assert mine == [(co_led.pk, 0, 0), (led.pk, 2, 1)]
    assert bool(mine) == (persona in ("facilitator", "other_manager"))
