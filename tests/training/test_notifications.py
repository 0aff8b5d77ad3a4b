"""Training session notifications with the personas: tomorrow (daily scan), changed and cancelled (raised by the
session services). Right recipients (registered and waiting), never the person who made the change, never someone
who may not see a department's own session, once per event, and a link the recipient can open."""

from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from equity.models import Notification
from tests.training.factories import SessionFactory
from training.models import Registration, Session
from training.notices import SESSION_CANCELLED, SESSION_CHANGED, SESSION_TOMORROW, training_notices_send
from training.services import session_delete, session_save
from training.session_notices import session_changed_notify

pytestmark = pytest.mark.django_db
Status = Registration.Status


def _session(module, facilitator_record, **kwargs):
    values = {"date": timezone.localdate() + timedelta(days=10), "location": "Room 101", "capacity": 1}
    return SessionFactory(module=module, lead_facilitator=facilitator_record, **(values | kwargs))


def _told(kind: str) -> list[str]:
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


@pytest.fixture
def upcoming(personas, module, facilitator_record):
    """A department-only session of `dept`: staff has the place, manager waits, other_staff (of another department)
    registered while it was open to all (written directly: the service would refuse it now), other_manager
    cancelled, and the facilitator registered too."""
    session = _session(module, facilitator_record, audience=Session.Audience.DEPARTMENT, department=personas.dept)
    p = personas
    Registration.objects.create(session=session, user=p.staff, status=Status.REGISTERED)
    Registration.objects.create(session=session, user=p.manager, status=Status.WAITING)
    Registration.objects.create(session=session, user=p.other_staff, status=Status.REGISTERED)
    Registration.objects.create(session=session, user=p.other_manager, status=Status.CANCELLED)
    Registration.objects.create(session=session, user=p.facilitator, status=Status.REGISTERED)
    return session


# --- tomorrow --------------------------------------------------------------------------------------------------


def test_session_tomorrow_tells_registered_and_waiting_people_who_can_see_it_once(personas, upcoming, client):
    eve = upcoming.date - timedelta(days=1)
    assert training_notices_send(today=eve - timedelta(days=1))[SESSION_TOMORROW] == 0  # two days before: nothing
    assert training_notices_send(today=eve)[SESSION_TOMORROW] == 3
    # other_staff cannot see another department's own session; other_manager cancelled.
    assert _told(SESSION_TOMORROW) == ["facilitator", "manager", "staff"]
    placed = Notification.objects.get(kind=SESSION_TOMORROW, recipient=personas.staff)
    waiting = Notification.objects.get(kind=SESSION_TOMORROW, recipient=personas.manager)
    assert placed.title == f"Your training session is tomorrow: {upcoming.module.title}"
    assert "Room 101" in placed.body and "09:00–11:00" in placed.body
    assert waiting.title == f"You are on the waiting list for tomorrow's session: {upcoming.module.title}"
    assert "no place yet" in waiting.body
    assert placed.delivery == "immediate" and placed.target_id == upcoming.pk and placed.actor is None

    assert set(training_notices_send(today=eve).values()) == {0}  # the scan again: nothing new
    assert Notification.objects.filter(kind=SESSION_TOMORROW).count() == 3

    client.force_login(personas.staff)
    assert client.get(placed.url).status_code == 200
    assert placed.url == reverse("training:session_detail", args=[upcoming.pk])


def test_session_tomorrow_skips_deactivated_people_and_other_days(personas, module, facilitator_record):
    session = _session(module, facilitator_record, date=date(2027, 3, 9))
    Registration.objects.create(session=session, user=personas.staff, status=Status.REGISTERED)
    Registration.objects.create(session=session, user=personas.other_staff, status=Status.REGISTERED)
    personas.staff.is_active = False
    personas.staff.save(update_fields=["is_active"])
    assert training_notices_send(today=date(2027, 3, 9))[SESSION_TOMORROW] == 0  # the day itself: too late
    assert training_notices_send(today=date(2027, 3, 8))[SESSION_TOMORROW] == 1
    assert _told(SESSION_TOMORROW) == ["other_staff"]  # a city-wide session: other departments too


def test_session_tomorrow_a_moved_session_is_announced_again_for_its_new_day(personas, upcoming):
    training_notices_send(today=upcoming.date - timedelta(days=1))
    Session.objects.filter(pk=upcoming.pk).update(date=upcoming.date + timedelta(days=7))
    assert training_notices_send(today=upcoming.date + timedelta(days=6))[SESSION_TOMORROW] == 3


# --- changed ---------------------------------------------------------------------------------------------------


def _edit(session: Session, **changes) -> Session:
    edited = Session.objects.select_related("module", "lead_facilitator").get(pk=session.pk)
    for name, value in changes.items():
        setattr(edited, name, value)
    return edited


def test_session_changed_tells_registered_and_waiting_not_the_facilitator_who_changed_it(personas, upcoming, client):
    edited = _edit(upcoming, location="Room 202", start_time=time(10, 0), end_time=time(12, 0))
    session_save(author=personas.facilitator, session=edited, expected_revision=upcoming.revision)
    assert _told(SESSION_CHANGED) == ["manager", "staff"]  # not the facilitator, nor other_staff (other department)
    note = Notification.objects.get(kind=SESSION_CHANGED, recipient=personas.staff)
    assert note.actor == personas.facilitator
    assert note.title.startswith(f"Training session changed: {upcoming.module.title}")
    assert note.body.splitlines() == ["Time: 09:00–11:00 → 10:00–12:00", "Place or meeting link: Room 101 → Room 202"]
    assert note.delivery == "immediate"
    client.force_login(personas.manager)
    assert client.get(note.url).status_code == 200


def test_session_changed_names_the_new_date_and_format_and_is_raised_once_per_revision(personas, upcoming):
    before = Session.objects.get(pk=upcoming.pk)
    new_day = upcoming.date + timedelta(days=3)
    edited = _edit(upcoming, date=new_day, format=Session.Format.VIRTUAL, location="https://meet.example.org/x")
    session_save(author=personas.equity, session=edited, expected_revision=upcoming.revision)
    body = Notification.objects.get(kind=SESSION_CHANGED, recipient=personas.staff).body
    assert f"Date: {before.date:%A} " in body and f"→ {new_day:%A} " in body
    assert "Format: In person → Virtual" in body and "Room 101 → https://meet.example.org/x" in body
    assert _told(SESSION_CHANGED) == ["facilitator", "manager", "staff"]  # the equity team changed it this time
    edited.refresh_from_db()
    assert session_changed_notify(session=edited, before=before, author=personas.equity) == 0  # same revision
    again = _edit(edited, location="https://meet.example.org/y")
    session_save(author=personas.equity, session=again, expected_revision=edited.revision)
    assert Notification.objects.filter(kind=SESSION_CHANGED, recipient=personas.staff).count() == 2


def test_session_changed_ignores_other_fields_and_past_sessions(personas, upcoming, module, facilitator_record):
    session_save(author=personas.facilitator, session=_edit(upcoming, notes="Bring a laptop"), expected_revision=1)
    past = _session(module, facilitator_record, date=timezone.localdate() - timedelta(days=3))
    Registration.objects.create(session=past, user=personas.staff, status=Status.REGISTERED)
    session_save(author=personas.facilitator, session=_edit(past, location="Room 9"), expected_revision=1)
    assert _told(SESSION_CHANGED) == []


# --- cancelled -------------------------------------------------------------------------------------------------


def test_session_cancelled_tells_registered_and_waiting_before_it_is_deleted(personas, upcoming, client):
    session_pk, module = upcoming.pk, upcoming.module
    session_delete(author=personas.facilitator, session=upcoming)
    assert not Session.objects.filter(pk=session_pk).exists()
    assert _told(SESSION_CANCELLED) == ["manager", "staff"]  # not the facilitator; not other_staff (other department)
    note = Notification.objects.get(kind=SESSION_CANCELLED, recipient=personas.staff)
    assert note.title.startswith(f"Training session cancelled: {module.title}")
    assert "Room 101" in note.body and note.actor == personas.facilitator and note.delivery == "immediate"
    assert note.target_id == module.pk and note.url == reverse("training:module_detail", args=[module.pk])
    client.force_login(personas.staff)
    assert client.get(note.url).status_code == 200
    opened = client.get(reverse("notification_open", args=[note.pk]))
    assert opened.status_code == 302 and opened["Location"] == note.url  # still visible: the link is followed


def test_session_cancelled_only_for_upcoming_sessions(personas, module, facilitator_record):
    past = _session(module, facilitator_record, date=timezone.localdate() - timedelta(days=1))
    Registration.objects.create(session=past, user=personas.staff, status=Status.REGISTERED)
    session_delete(author=personas.equity, session=past)
    assert _told(SESSION_CANCELLED) == []
