"""Registration pages per persona: register, the waiting list, cancel, "My training", the roster's registrations,
the calendar invitation, and constant query counts at two sizes."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.queries import count_queries
from tests.training.factories import SessionFactory
from training.models import Registration
from training.registration import registration_register

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture
def full(module, facilitator_record, personas):
    """An upcoming session with one place, taken by the other staff member."""
    session = SessionFactory(
        module=module,
        lead_facilitator=facilitator_record,
        date=timezone.localdate() + timedelta(days=10),
        capacity=1,
        location="Room 2, City Hall; bring a laptop",
    )
    registration_register(author=personas.other_staff, session=session)
    return session


def _detail(session):
    return reverse("training:session_detail", args=[session.pk])


def test_staff_joins_the_waiting_list_of_a_full_session_and_is_promoted_on_a_cancellation(client, personas, full):
    client.force_login(personas.staff)
    page = client.get(_detail(full)).content.decode()
    assert "Join the waiting list" in page and "1 of 1 places taken" in page
    response = client.post(reverse("training:session_register", args=[full.pk]), follow=True)
    assert "you are number 1 on the waiting list" in response.content.decode()
    assert Registration.objects.get(user=personas.staff).status == Status.WAITING
    assert "Waiting list, number 1" in client.get(reverse("training:my_record")).content.decode()
    assert client.get(reverse("training:session_ics", args=[full.pk])).status_code == 404  # no place yet

    theirs = Registration.objects.get(user=personas.other_staff)
    client.force_login(personas.other_staff)
    response = client.post(reverse("training:registration_cancel", args=[theirs.pk]), follow=True)
    assert "The next person on the waiting list has the place." in response.content.decode()

    client.force_login(personas.staff)
    record = client.get(reverse("training:my_record")).content.decode()
    assert "Calendar invitation for Advancing Racial Equity (.ics)" in record
    assert client.get(reverse("training:session_ics", args=[full.pk])).status_code == 200


def test_registering_twice_or_for_a_past_session_shows_a_message_and_saves_nothing(client, personas, full, module):
    client.force_login(personas.other_staff)
    response = client.post(reverse("training:session_register", args=[full.pk]), follow=True)
    assert "You are already registered for this session." in response.content.decode()
    past = SessionFactory(module=module, date=timezone.localdate() - timedelta(days=1))
    response = client.post(reverse("training:session_register", args=[past.pk]), follow=True)
    assert "registration is closed" in response.content.decode()
    assert Registration.objects.count() == 1


def test_someone_elses_registration_cannot_be_cancelled_by_staff(client, personas, full):
    theirs = Registration.objects.get(user=personas.other_staff)
    client.force_login(personas.staff)
    assert client.post(reverse("training:registration_cancel", args=[theirs.pk])).status_code == 404
    assert Registration.objects.get(pk=theirs.pk).status == Status.REGISTERED


def test_facilitator_sees_registrations_with_positions_and_takes_attendance(client, personas, full):
    registration_register(author=personas.staff, session=full)
    client.force_login(personas.facilitator)
    page = client.get(_detail(full)).content.decode()
    assert "Olu Other" in page and "Waiting list, number 1" in page
    response = client.post(reverse("training:roster_from_registrations", args=[full.pk]), follow=True)
    assert "1 registered people were added to the roster" in response.content.decode()
    assert list(full.attendances.values_list("user", flat=True)) == [personas.other_staff.pk]


def test_staff_do_not_see_the_registration_list(client, personas, full):
    client.force_login(personas.staff)
    assert "Olu Other" not in client.get(_detail(full)).content.decode()


def test_ics_is_rfc_5545_shaped(client, personas, full):
    client.force_login(personas.other_staff)
    url = reverse("training:session_ics", args=[full.pk])
    response = client.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.endswith("\r\n") and "\n" not in body.replace("\r\n", "")
    lines = body.split("\r\n")[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = body.replace("\r\n ", "")
    assert f"UID:training-session-{full.pk}@" in unfolded
    assert "SUMMARY:Advancing Racial Equity" in unfolded
    assert "LOCATION:Room 2\\, City Hall\\; bring a laptop" in unfolded
    start = timezone.make_aware(datetime.combine(full.date, full.start_time)).astimezone(UTC)
    assert f"DTSTART:{start:%Y%m%dT%H%M%S}Z" in unfolded
    uid = [line for line in unfolded.split("\r\n") if line.startswith("UID:")]
    again = [line for line in client.get(url).content.decode().replace("\r\n ", "").split("\r\n") if "UID:" in line]
    assert uid == again  # stable per session


def test_registration_pages_run_constant_queries(personas, full, module):
    sessions = [full]

    def grow():
        for _ in range(3):
            session = SessionFactory(module=module, date=timezone.localdate() + timedelta(days=4), capacity=2)
            sessions.append(session)
            for person in [personas.staff, UserFactory(), UserFactory(), UserFactory()]:
                registration_register(author=person, session=session)
        for person in [UserFactory() for _ in range(5)]:
            registration_register(author=person, session=full)

    registration_register(author=personas.staff, session=full)
    facilitator, staff = Client(), Client()
    facilitator.force_login(personas.facilitator)
    staff.force_login(personas.staff)
    pages = [(facilitator, _detail(full)), (staff, _detail(full)), (staff, reverse("training:my_record")),
             (staff, reverse("dashboard")), (facilitator, reverse("training:session_list"))]  # fmt: skip
    small = [count_queries(c, url) for c, url in pages]
    grow()
    large = [count_queries(c, url) for c, url in pages]
    print(f"QUERIES detail (facilitator, staff), my training, dashboard, session list: {large}")
    assert small == large
    assert large[0] <= 14 and large[1] <= 12 and large[2] <= 10 and large[3] <= 15 and large[4] <= 9
