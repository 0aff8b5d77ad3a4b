"""Self-registration services: places, the waiting list and its promotion, capacity edge cases, closed and past
sessions, duplicates, history rows and taking attendance from the registrations."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.factories import UserFactory
from tests.training.factories import AttendanceFactory, SessionFactory
from training.models import Attendance, Registration
from training.registration import registration_cancel, registration_register
from training.registration_selectors import my_registration, my_registration_list, session_registration_rows
from training.services import roster_add_registered, session_save

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture
def upcoming(module, facilitator_record):
    return SessionFactory(
        module=module, lead_facilitator=facilitator_record, date=timezone.localdate() + timedelta(days=7), capacity=2
    )


def _people(n):
    return [UserFactory() for _ in range(n)]


def test_register_gives_places_then_the_waiting_list_in_order(upcoming):
    a, b, c, d = _people(4)
    assert registration_register(author=a, session=upcoming).status == Status.REGISTERED
    assert registration_register(author=b, session=upcoming).status == Status.REGISTERED
    assert registration_register(author=c, session=upcoming).status == Status.WAITING
    assert registration_register(author=d, session=upcoming).status == Status.WAITING
    rows = session_registration_rows(session=upcoming)
    assert [(r.registration.user, r.position) for r in rows] == [(a, None), (b, None), (c, 1), (d, 2)]
    assert [r.ahead for r in my_registration_list(user=d)] == [1]  # one person before d


def test_my_place_read_from_the_sessions_rows_is_the_one_the_query_gives(upcoming):
    people = _people(6)
    for person in people:
        registration_register(author=person, session=upcoming)
    # Same request time for two people waiting: the queue breaks the tie by id.
    Registration.objects.filter(user__in=people[3:5]).update(requested_at=timezone.now())
    AttendanceFactory(session=upcoming, user=people[0])
    rows = session_registration_rows(session=upcoming)
    assert [r.on_roster for r in rows] == [True] + [False] * 5
    for person in [*people, UserFactory()]:
        queried = my_registration(user=person, session=upcoming)
        from_rows = my_registration(user=person, session=upcoming, rows=rows)
        assert (from_rows and (from_rows.pk, from_rows.status, from_rows.ahead)) == (
            queried and (queried.pk, queried.status, queried.ahead)
        )


def test_cancel_promotes_the_first_waiting_person_in_the_same_transaction_with_history(upcoming):
    a, b, c, d = _people(4)
    first = registration_register(author=a, session=upcoming)
    for person in (b, c, d):
        registration_register(author=person, session=upcoming)
    promoted = registration_cancel(author=a, registration=first)
    assert [r.user for r in promoted] == [c]
    assert Registration.objects.get(user=c).status == Status.REGISTERED
    assert Registration.objects.get(user=d).status == Status.WAITING
    assert Registration.objects.filter(status=Status.REGISTERED).count() == 2
    reasons = list(Registration.history.filter(user=c).order_by("history_date").values_list("history_change_reason"))
    assert reasons == [("Joined the waiting list",), ("Promoted from the waiting list",)]
    cancelled = Registration.history.filter(user=a).latest("history_date")
    assert cancelled.status == Status.CANCELLED and cancelled.history_user == a
    assert [r.ahead for r in my_registration_list(user=d)] == [0]  # now first in the queue


def test_leaving_the_waiting_list_promotes_nobody(upcoming):
    a, b, c = _people(3)
    registration_register(author=a, session=upcoming)
    registration_register(author=b, session=upcoming)
    waiting = registration_register(author=c, session=upcoming)
    assert registration_cancel(author=c, registration=waiting) == []
    assert Registration.objects.filter(status=Status.REGISTERED).count() == 2


def test_unlimited_capacity_never_waits(module):
    session = SessionFactory(module=module, date=timezone.localdate() + timedelta(days=1), capacity=None)
    assert {registration_register(author=p, session=session).status for p in _people(30)} == {Status.REGISTERED}


def test_capacity_zero_puts_everyone_on_the_waiting_list_and_raising_it_promotes(upcoming, personas):
    upcoming.capacity = 0
    upcoming.save()
    a, b = _people(2)
    assert registration_register(author=a, session=upcoming).status == Status.WAITING
    registration_register(author=b, session=upcoming)
    upcoming.capacity = 1
    session_save(author=personas.equity, session=upcoming, expected_revision=upcoming.revision)
    assert Registration.objects.get(user=a).status == Status.REGISTERED
    assert Registration.objects.get(user=b).status == Status.WAITING


def test_lowering_capacity_keeps_the_places_already_given(upcoming, personas):
    a, b, c = _people(3)
    for person in (a, b):
        registration_register(author=person, session=upcoming)
    upcoming.capacity = 1
    session_save(author=personas.equity, session=upcoming, expected_revision=upcoming.revision)
    assert Registration.objects.filter(status=Status.REGISTERED).count() == 2
    assert registration_register(author=c, session=upcoming).status == Status.WAITING
    registration_cancel(author=a, registration=Registration.objects.get(user=a))
    assert Registration.objects.get(user=c).status == Status.WAITING  # 1 registered = the capacity of 1


def test_registering_twice_is_refused_and_the_constraint_backs_it(upcoming):
    (a,) = _people(1)
    registration_register(author=a, session=upcoming)
    with pytest.raises(ValidationError, match="already registered"):
        registration_register(author=a, session=upcoming)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(session=upcoming, user=a, status=Status.WAITING)


def test_registering_again_after_cancelling_goes_to_the_end_of_the_queue(upcoming):
    a, b, c = _people(3)
    for person in (a, b, c):
        registration_register(author=person, session=upcoming)
    registration_cancel(author=c, registration=Registration.objects.get(user=c))
    d = UserFactory()
    registration_register(author=d, session=upcoming)
    again = registration_register(author=c, session=upcoming)
    assert again.status == Status.WAITING and Registration.objects.filter(user=c).count() == 1
    registration_cancel(author=a, registration=Registration.objects.get(user=a))
    assert Registration.objects.get(user=d).status == Status.REGISTERED  # d asked before c asked again


@pytest.mark.parametrize(
    "change, message",
    [
        ({"date_offset": -1}, "already started"),
        ({"registration_open": False}, "not open"),
        ({"closes_in": -1}, "closed on"),
    ],
)
def test_past_and_closed_sessions_refuse_registration(module, change, message):
    session = SessionFactory(
        module=module,
        date=timezone.localdate() + timedelta(days=change.get("date_offset", 3)),
        registration_open=change.get("registration_open", True),
        registration_closes_at=timezone.now() + timedelta(hours=change["closes_in"]) if "closes_in" in change else None,
    )
    with pytest.raises(ValidationError, match=message):
        registration_register(author=UserFactory(), session=session)
    assert not Registration.objects.exists()


def test_cancelling_someone_elses_registration_needs_a_facilitator(upcoming, personas):
    mine = registration_register(author=personas.staff, session=upcoming)
    with pytest.raises(PermissionDenied):
        registration_cancel(author=personas.other_staff, registration=mine)
    registration_cancel(author=personas.facilitator, registration=mine)
    assert Registration.objects.get(pk=mine.pk).status == Status.CANCELLED
    with pytest.raises(ValidationError, match="already cancelled"):
        registration_cancel(author=personas.staff, registration=mine)


def test_taking_attendance_adds_registered_people_not_yet_on_the_roster(upcoming, personas):
    a, b, c = _people(3)
    for person in (a, b, c):
        registration_register(author=person, session=upcoming)
    AttendanceFactory(session=upcoming, user=a, status=Attendance.Status.PARTIAL, completed=False)
    added = roster_add_registered(author=personas.facilitator, session=upcoming)
    assert [x.user for x in added] == [b]  # a is on the roster already, c waits
    row = Attendance.objects.get(user=b)
    assert row.status == Attendance.Status.ATTENDED and row.completed
    assert row.history.get().history_change_reason == "Added from the registrations"
    assert roster_add_registered(author=personas.facilitator, session=upcoming) == []


def test_registration_must_close_before_the_session_starts(upcoming, personas):
    upcoming.registration_closes_at = timezone.make_aware(
        datetime.combine(upcoming.date, upcoming.start_time)
    ) + timedelta(minutes=1)
    with pytest.raises(ValidationError) as error:
        session_save(author=personas.equity, session=upcoming, expected_revision=upcoming.revision)
    assert "Registration must close before the session starts." in error.value.message_dict["registration_closes_at"]


def test_another_departments_own_session_cannot_be_registered_for(upcoming, personas):
    upcoming.department = personas.dept
    upcoming.save()
    with pytest.raises(PermissionDenied):
        registration_register(author=personas.other_staff, session=upcoming)
    assert registration_register(author=personas.staff, session=upcoming).status == Status.REGISTERED
    assert not Registration.objects.filter(user=personas.other_staff).exists()
