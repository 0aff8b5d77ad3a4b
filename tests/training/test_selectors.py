"""Which sessions, attendance rows, people, modules and facilitators each persona sees: the training selectors as
a table. (Personas: Sam staff, Mia manager and Fay facilitator of CD; Eli of the equity team, Olu staff and Omar
manager of PW.)"""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import UserFactory
from tests.training.factories import AttendanceFactory, FacilitatorFactory, ModuleFactory, SessionFactory
from training.models import Session
from training.registration_models import Registration
from training.selectors import (
    attendance_list_for_user,
    facilitator_list_for_user,
    module_list_for_user,
    person_list_for_user,
    session_get_for_user,
    session_list_for_user,
)

pytestmark = pytest.mark.django_db

PERSONAS = ("anonymous", "staff", "manager", "facilitator", "equity", "other_staff", "other_manager")
# City-wide sessions for everyone; a department's session for its people; all of them for facilitators and the team.
SESSIONS = {
    "anonymous": {"Citywide"},
    "staff": {"Citywide", "CD only"},
    "manager": {"Citywide", "CD only"},
    "facilitator": {"Citywide", "CD only", "PW only"},
    "equity": {"Citywide", "CD only", "PW only"},
    "other_staff": {"Citywide", "PW only"},
    "other_manager": {"Citywide", "PW only"},
}
# Attendance rows, by attendee: one's own; managers their departments' rows; facilitators and the team all (only
# signed-in people reach a page that asks).
ATTENDANCE = {
    "staff": {"staff"},
    "manager": {"staff", "manager"},
    "facilitator": {"staff", "manager", "other_staff"},
    "equity": {"staff", "manager", "other_staff"},
    "other_staff": {"other_staff"},
    "other_manager": {"other_staff"},
}
# Training records one may open: one's own; managers their departments' people; the team everyone's.
PEOPLE = {
    "anonymous": set(),
    "staff": {"staff"},
    "manager": {"staff", "manager", "facilitator"},
    "facilitator": {"facilitator"},
    "equity": set(PERSONAS) - {"anonymous"},
    "other_staff": {"other_staff"},
    "other_manager": {"other_staff", "other_manager", "equity"},
}


def _user(personas, persona):
    return personas.get(persona) or AnonymousUser()


@pytest.fixture
def sessions(personas):
    SessionFactory(module=ModuleFactory(title="Citywide"))
    cd = SessionFactory(module=ModuleFactory(title="CD only"), audience="department", department=personas.dept)
    pw = SessionFactory(module=ModuleFactory(title="PW only"), audience="department", department=personas.other_dept)
    AttendanceFactory(session=cd, user=personas.staff, department=personas.dept)
    AttendanceFactory(session=cd, user=personas.manager, department=personas.dept)
    AttendanceFactory(session=pw, user=personas.other_staff, department=personas.other_dept)


@pytest.mark.parametrize(("persona", "expected"), SESSIONS.items())
def test_sessions_each_persona_sees(personas, sessions, persona, expected):
    assert {s.module.title for s in session_list_for_user(user=_user(personas, persona))} == expected


@pytest.mark.parametrize(("persona", "expected"), SESSIONS.items())
def test_session_page_opens_the_sessions_the_list_shows(personas, sessions, persona, expected):
    user = _user(personas, persona)
    opened = {s.module.title for s in Session.objects.all() if session_get_for_user(user=user, pk=s.pk)}
    assert opened == expected


COUNTS = ("attended_count", "partial_count", "excused_count", "no_show_count", "completed_count")


def test_session_page_counts_are_the_lists(personas, sessions):
    """The page's grouped counts give each of the list's named counts."""
    session = Session.objects.get(module__title="CD only")
    statuses = ["attended", "attended", "partial", "excused", "no_show", "no_show", "no_show"]
    for index, status in enumerate(statuses):
        AttendanceFactory(session=session, status=status, completed=index % 2 == 0, department=personas.dept)
    for index, status in enumerate(["registered"] * 3 + ["waiting"] * 2 + ["cancelled"]):
        Registration.objects.create(session=session, user=UserFactory(username=f"r{index}"), status=status)
    names = (*COUNTS, "registered_count", "waiting_count")
    listed = session_list_for_user(user=personas.equity).get(pk=session.pk)
    page = session_get_for_user(user=personas.equity, pk=session.pk)
    assert [getattr(page, name) for name in names] == [getattr(listed, name) for name in names]
    assert [getattr(page, name) for name in names] == [4, 1, 1, 3, 6, 3, 2]


@pytest.mark.parametrize(("persona", "expected"), ATTENDANCE.items())
def test_attendance_each_persona_sees(personas, sessions, persona, expected):
    assert {a.user.username for a in attendance_list_for_user(user=_user(personas, persona))} == expected


@pytest.mark.parametrize(("persona", "expected"), PEOPLE.items())
def test_training_records_each_persona_may_open(personas, persona, expected):
    UserFactory(username="outsider")
    found = {u.username for u in person_list_for_user(user=_user(personas, persona))}
    assert found - {"outsider"} == expected
    assert ("outsider" in found) == (persona == "equity")


@pytest.mark.parametrize("persona", PERSONAS)
def test_retired_modules_and_inactive_facilitators_are_listed_for_the_equity_team_only(personas, persona):
    ModuleFactory(title="Foundations")
    ModuleFactory(title="Retired module", is_active=False)
    FacilitatorFactory(user=personas.facilitator)
    FacilitatorFactory(user=UserFactory(username="former", full_name="Former Facilitator"), is_active=False)
    user = _user(personas, persona)
    team = persona == "equity"
    modules = {m.title for m in module_list_for_user(user=user, include_inactive=True)}
    assert modules == ({"Foundations", "Retired module"} if team else {"Foundations"})
    assert {m.title for m in module_list_for_user(user=user)} == {"Foundations"}
    facilitators = {f.user.username for f in facilitator_list_for_user(user=user)}
    assert facilitators == ({"facilitator", "former"} if team else {"facilitator"})
