"""The equity team resets a person's second factors (a lost device): all factors go, every session of theirs ends,
the reset is recorded with who did it, and the person gets a notice by e-mail."""

import pytest
from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse

from equity.accounts.factor_reset import factors_reset
from equity.models import SecurityEvent
from tests.accounts.mfa import with_authenticator_app

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    assert client.get(reverse("dashboard")).status_code == 200
    return client


def test_the_people_page_offers_the_reset_and_the_confirmation_lists_the_factors(personas):
    with_authenticator_app(personas.staff)
    coordinator = _signed_in(personas.equity)
    edit = coordinator.get(reverse("user_update", args=[personas.staff.pk])).content.decode()
    assert reverse("user_factors_reset", args=[personas.staff.pk]) in edit
    confirm = coordinator.get(reverse("user_factors_reset", args=[personas.staff.pk])).content.decode()
    assert "an authenticator app" in confirm and "10 unused recovery codes" in confirm and "0 passkeys" in confirm


def test_a_reset_removes_every_factor_ends_the_sessions_records_and_tells_the_person(
    personas, django_capture_on_commit_callbacks, mailoutbox
):
    with_authenticator_app(personas.staff)
    staff_phone = _signed_in(personas.staff)
    coordinator = _signed_in(personas.equity)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(reverse("user_factors_reset", args=[personas.staff.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("user_update", args=[personas.staff.pk])
    assert not Authenticator.objects.filter(user=personas.staff).exists()
    signed_out = staff_phone.get(reverse("dashboard"))
    assert signed_out.status_code == 302 and signed_out["Location"].startswith(reverse("login"))
    assert coordinator.get(reverse("dashboard")).status_code == 200
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.FACTORS_RESET)
    assert (event.user, event.actor) == (personas.staff, personas.equity)
    assert event.detail == "2 removed"  # the authenticator app and the recovery codes
    (notice,) = mailoutbox
    assert notice.to == [personas.staff.email]
    assert "second factors were reset" in notice.subject
    assert personas.equity.display_name in notice.body and "/login/" in notice.body


def test_the_equity_team_cannot_reset_their_own_factors(personas):
    with_authenticator_app(personas.equity)
    coordinator = _signed_in(personas.equity)
    response = coordinator.post(reverse("user_factors_reset", args=[personas.equity.pk]), follow=True)
    assert "You cannot reset your own second factors" in response.content.decode()
    assert Authenticator.objects.filter(user=personas.equity).count() == 2
    assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.FACTORS_RESET).exists()


@pytest.mark.parametrize("persona", ["staff", "manager", "facilitator", "other_manager"])
def test_the_reset_service_refuses_anyone_but_the_equity_team(personas, persona):
    with_authenticator_app(personas.other_staff)
    request = RequestFactory().post("/")
    with pytest.raises(PermissionDenied):
        factors_reset(user=personas.other_staff, author=personas.get(persona), request=request)
    assert Authenticator.objects.filter(user=personas.other_staff).count() == 2
