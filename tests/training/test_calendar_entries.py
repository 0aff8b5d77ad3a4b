"""The upcoming sessions' calendar entries (training_tags.calendar_entry, written in Python): each session's time,
module, format, place, department, places taken and waiting, and lead facilitator, escaped and translated; and the
calendar's own counts (`upcoming_session_list_for_user`: places only) agree with the session list's."""

import re
from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import UserFactory
from tests.training.factories import FacilitatorFactory, ModuleFactory, SessionFactory
from training.models import Registration, Session
from training.selectors import session_list_for_user, upcoming_session_list_for_user

pytestmark = pytest.mark.django_db


def _entries(html: str) -> list[str]:
    return [" ".join(e.split()) for e in re.findall(r'<li><a href="/training/sessions/.*?</li>', html, flags=re.S)]


@pytest.fixture
def sessions(personas):
    tomorrow = timezone.localdate() + timedelta(days=1)
    lead = FacilitatorFactory(user=UserFactory(full_name="Fatima <b>Hassan</b>", is_facilitator=True))
    full = SessionFactory(
        module=ModuleFactory(title="Advancing Racial Equity & Inclusion"),
        date=tomorrow,
        start_time=time(9, 0),
        end_time=time(11, 30),
        format=Session.Format.IN_PERSON,
        location="City Hall, Room 1",
        capacity=2,
        department=personas.dept,
        lead_facilitator=lead,
    )
    for status in ["registered", "registered", "waiting"]:
        Registration.objects.create(session=full, user=UserFactory(), status=status)
    Registration.objects.create(session=full, user=UserFactory(), status="cancelled")
    open_ = SessionFactory(module=ModuleFactory(title="Data for equity"), date=tomorrow, start_time=time(13, 0),
                           end_time=time(14, 0), format=Session.Format.VIRTUAL)  # fmt: skip
    Registration.objects.create(session=open_, user=UserFactory(), status="registered")
    return full, open_


def test_each_part_of_a_calendar_entry(client, personas, sessions):
    full, open_ = sessions
    client.force_login(personas.staff)
    entries = _entries(client.get(reverse("training:session_calendar")).content.decode())
    assert len(entries) == 2
    assert entries[0] == (
        f'<li><a href="{reverse("training:session_detail", args=[full.pk])}">9 a.m.–11:30 a.m.: Advancing Racial '
        f"Equity &amp; Inclusion</a>, In person, City Hall, Room 1 ({personas.dept.name}). 2 of 2 places taken. 1 on "
        "the waiting list. Led by Fatima &lt;b&gt;Hassan&lt;/b&gt;.</li>"
    )
    assert entries[1].endswith("1 p.m.–2 p.m.: Data for equity</a>, Virtual. 1 registered. </li>")


def test_calendar_entries_in_the_readers_language(client, personas, sessions):
    client.force_login(personas.staff)
    with translation.override("es"):
        html = client.get(reverse("training:session_calendar"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    entries = _entries(html)
    assert "2 de 2 lugares ocupados." in entries[0] and "Presencial" in entries[0]


def test_the_calendars_places_are_the_session_lists(personas, sessions):
    for user in (personas.staff, personas.manager, personas.facilitator, personas.equity):
        listed = {s.pk: (s.registered_count, s.waiting_count) for s in session_list_for_user(user=user)}
        upcoming = {s.pk: (s.registered_count, s.waiting_count) for s in upcoming_session_list_for_user(user=user)}
        assert upcoming and upcoming == {pk: listed[pk] for pk in upcoming}
        assert upcoming[sessions[0].pk] == (2, 1)
