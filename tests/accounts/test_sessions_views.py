"""Active sessions on /account/security/: listed with device, address and last seen; a person signs out another
session, or everywhere else; never someone else's session."""

import pytest
from allauth.usersessions.models import UserSession
from django.urls import reverse

from equity.models import SecurityEvent
from tests.accounts.access_cases_sessions import live_session
from tests.accounts.sessions_helpers import SAFARI_IPHONE, is_signed_out, signed_in

pytestmark = pytest.mark.django_db


def test_sessions_security_page_lists_both_sessions_this_one_marked(personas):
    laptop = signed_in(personas.staff, ip="198.51.100.7")
    signed_in(personas.staff, user_agent=SAFARI_IPHONE, ip="203.0.113.20")
    page = laptop.get(reverse("account_security")).content.decode()
    assert "Chrome on Windows" in page and "198.51.100.7" in page
    assert "Safari on iPhone" in page and "203.0.113.20" in page
    assert page.count("This session") == 1
    assert page.count("Sign out this session") == 1  # only for the other one
    assert "Sign out everywhere else" in page


def test_sessions_sign_out_this_session_ends_the_other_device(personas):
    laptop = signed_in(personas.staff)
    phone = signed_in(personas.staff, user_agent=SAFARI_IPHONE, ip="203.0.113.20")
    row = UserSession.objects.get(user=personas.staff, user_agent=SAFARI_IPHONE)
    response = laptop.post(reverse("session_end", args=[row.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("account_security")
    assert is_signed_out(phone)
    assert not is_signed_out(laptop)
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.SESSION_ENDED)
    assert event.user == personas.staff and event.actor == personas.staff and "Safari on iPhone" in event.detail


def test_sessions_this_session_cannot_be_ended_from_its_own_button(personas):
    laptop = signed_in(personas.staff)
    row = UserSession.objects.get(user=personas.staff)
    assert laptop.post(reverse("session_end", args=[row.pk])).status_code == 404
    assert not is_signed_out(laptop)


def test_sessions_everywhere_else_keeps_this_one(personas):
    laptop = signed_in(personas.staff)
    phone = signed_in(personas.staff, user_agent=SAFARI_IPHONE, ip="203.0.113.20")
    tablet = signed_in(personas.staff, ip="203.0.113.21")
    coordinator = signed_in(personas.equity)
    assert laptop.post(reverse("sessions_end_others")).status_code == 302
    assert is_signed_out(phone) and is_signed_out(tablet)
    assert not is_signed_out(laptop) and not is_signed_out(coordinator)
    page = laptop.get(reverse("account_security")).content.decode()
    assert page.count("This session") == 1 and "Sign out this session" not in page
    assert UserSession.objects.filter(user=personas.staff).count() == 1
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.SESSIONS_ENDED)
    assert event.user == personas.staff and "2 sessions" in event.detail


def test_sessions_another_persons_session_is_not_found(personas):
    mine = signed_in(personas.staff)
    theirs = signed_in(personas.other_staff, user_agent=SAFARI_IPHONE)
    row = UserSession.objects.get(user=personas.other_staff)
    assert mine.post(reverse("session_end", args=[row.pk])).status_code == 404
    assert not is_signed_out(theirs)
    assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.SESSION_ENDED).exists()


def test_sessions_a_session_that_has_ended_is_not_listed(personas):
    laptop = signed_in(personas.staff)
    gone = live_session(personas.staff, ip="192.0.2.44")
    gone.end()
    UserSession.objects.create(user=personas.staff, session_key=gone.session_key, ip="192.0.2.44", user_agent="x")
    assert "192.0.2.44" not in laptop.get(reverse("account_security")).content.decode()


def test_sessions_sign_out_removes_the_row(personas):
    laptop = signed_in(personas.staff)
    laptop.post(reverse("logout"))
    assert not UserSession.objects.filter(user=personas.staff).exists()
