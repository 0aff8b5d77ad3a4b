"""The equity team signs a person out everywhere (confirmed first); a deactivation removes every session too."""

import pytest
from allauth.usersessions.models import UserSession
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from equity.accounts.session_services import user_sign_out_everywhere
from equity.models import SecurityEvent
from tests.accounts.sessions_helpers import SAFARI_IPHONE, is_signed_out, signed_in

pytestmark = pytest.mark.django_db


def test_sessions_admin_edit_page_links_the_sign_out_and_the_events(personas):
    page = signed_in(personas.equity).get(reverse("user_update", args=[personas.staff.pk])).content.decode()
    assert reverse("user_sign_out", args=[personas.staff.pk]) in page
    assert f"{reverse('security_event_list')}?person={personas.staff.pk}" in page
    assert "Sign-in and sessions" not in page.split("</title>")[0]


def test_sessions_admin_confirmation_lists_the_sessions(personas):
    signed_in(personas.staff, user_agent=SAFARI_IPHONE, ip="203.0.113.20")
    page = signed_in(personas.equity).get(reverse("user_sign_out", args=[personas.staff.pk])).content.decode()
    assert "Safari on iPhone" in page and "203.0.113.20" in page and "1 active session" in page


def test_sessions_admin_sign_out_everywhere_ends_every_session(personas):
    laptop, phone = signed_in(personas.staff), signed_in(personas.staff, user_agent=SAFARI_IPHONE)
    coordinator = signed_in(personas.equity)
    response = coordinator.post(reverse("user_sign_out", args=[personas.staff.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("user_update", args=[personas.staff.pk])
    assert is_signed_out(laptop) and is_signed_out(phone)
    assert not is_signed_out(coordinator)
    assert not UserSession.objects.filter(user=personas.staff).exists()
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.SESSIONS_ENDED)
    assert event.user == personas.staff and event.actor == personas.equity
    assert signed_in(personas.staff)  # they may sign in again at once


@pytest.mark.parametrize("persona", ["staff", "manager", "facilitator", "other_staff", "other_manager"])
def test_sessions_admin_sign_out_everywhere_refused_to_others(personas, persona):
    target = signed_in(personas.other_staff if persona == "staff" else personas.staff)
    victim = personas.other_staff if persona == "staff" else personas.staff
    assert signed_in(personas.get(persona)).post(reverse("user_sign_out", args=[victim.pk])).status_code == 403
    assert not is_signed_out(target)
    with pytest.raises(PermissionDenied):
        user_sign_out_everywhere(user=victim, author=personas.get(persona))
    assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.SESSIONS_ENDED).exists()


def test_sessions_admin_deactivation_removes_every_session(personas):
    laptop, phone = signed_in(personas.staff), signed_in(personas.staff, user_agent=SAFARI_IPHONE)
    coordinator = signed_in(personas.equity)
    response = coordinator.post(reverse("user_set_active", args=[personas.staff.pk]), {"active": "0"})
    assert response.status_code == 302
    assert is_signed_out(laptop) and is_signed_out(phone)
    assert not UserSession.objects.filter(user=personas.staff).exists()
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.SESSIONS_ENDED)
    assert event.actor == personas.equity and event.detail == "Deactivated"
