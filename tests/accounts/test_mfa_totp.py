"""Authenticator apps (TOTP) with real codes: enrolment, a wrong code, the second step of sign-in, recovery codes
used once, and the security events each change leaves."""

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from equity.models import SecurityEvent
from tests.accounts.mfa import (
    code_valid_for_a_while,
    confirm_with_password,
    other_code,
    password_sign_in,
    with_authenticator_app,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _kinds(user) -> list[str]:
    return list(SecurityEvent.objects.filter(user=user).order_by("pk").values_list("kind", flat=True))


def _activate_page(client):
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    return response


# allauth sends its signals and notice e-mails once the change is committed, inside the request: these tests commit.
@pytest.mark.django_db(transaction=True)
def test_totp_enrolment_with_a_real_code_turns_the_app_on_and_makes_recovery_codes(client, mailoutbox):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(reverse("account_reauthenticate"))
    confirm_with_password(client)
    page = _activate_page(client)
    secret = page.context["form"].secret
    assert secret in page.content.decode() and "data:image/svg+xml;base64," in page.content.decode()
    response = client.post(reverse("mfa_activate_totp"), {"code": code_valid_for_a_while(pyotp.TOTP(secret))})
    assert response.status_code == 302 and response["Location"] == reverse("mfa_view_recovery_codes")
    assert set(Authenticator.objects.filter(user=user).values_list("type", flat=True)) == {"totp", "recovery_codes"}
    assert SecurityEvent.Kind.FACTOR_ADDED in _kinds(user)
    assert SecurityEvent.Kind.RECOVERY_CODES_GENERATED in _kinds(user)
    assert [message.to for message in mailoutbox] == [[user.email]]  # allauth's notice of the new factor
    codes = client.get(reverse("mfa_view_recovery_codes"))
    assert codes.status_code == 200 and "10 of 10 codes are left" in codes.content.decode()
    security = client.get(reverse("account_security")).content.decode()
    assert "Turn off the authenticator app" in security and "10 of 10 codes left" in security


def test_totp_wrong_code_is_a_field_error_and_changes_nothing(client):
    user = UserFactory()
    client.force_login(user)
    confirm_with_password(client)
    secret = _activate_page(client).context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": other_code(pyotp.TOTP(secret))})
    assert response.status_code == 200
    assert "That code or passkey was not accepted" in str(response.context["form"].errors["code"])
    html = response.content.decode()
    assert "There is a problem" in html and 'aria-invalid="true"' in html
    assert not Authenticator.objects.filter(user=user).exists()
    assert SecurityEvent.Kind.FACTOR_ADDED not in _kinds(user)


def test_sign_in_asks_for_the_app_code_after_the_password(client):
    user = UserFactory()
    totp = with_authenticator_app(user)
    response = password_sign_in(client, user)
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("dashboard")).status_code == 302  # not signed in until the second step
    page = client.get(reverse("mfa_authenticate"))
    assert page.status_code == 200 and "Second factor" in page.content.decode()
    response = client.post(reverse("mfa_authenticate"), {"code": code_valid_for_a_while(totp)})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200


def test_sign_in_with_a_wrong_app_code_is_refused_and_recorded(client):
    user = UserFactory()
    totp = with_authenticator_app(user)
    password_sign_in(client, user)
    response = client.post(reverse("mfa_authenticate"), {"code": other_code(totp)})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302
    failure = SecurityEvent.objects.get(user=user, kind=SecurityEvent.Kind.SIGN_IN_FAILED)
    assert failure.method == "mfa"


def test_an_app_code_works_once(client):
    user = UserFactory()
    totp = with_authenticator_app(user)
    code = code_valid_for_a_while(totp)
    password_sign_in(client, user)
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    client.post(reverse("logout"))
    password_sign_in(client, user)
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 200  # replayed: refused


def test_a_recovery_code_signs_in_once_only(client):
    user = UserFactory()
    with_authenticator_app(user)
    codes = Authenticator.objects.get(user=user, type="recovery_codes").wrap().get_unused_codes()
    password_sign_in(client, user)
    assert client.post(reverse("mfa_authenticate"), {"code": codes[0]}).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
    client.post(reverse("logout"))
    password_sign_in(client, user)
    again = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert again.status_code == 200 and "not accepted" in again.content.decode()
    left = Authenticator.objects.get(user=user, type="recovery_codes").wrap().get_unused_codes()
    assert codes[0] not in left and len(left) == len(codes) - 1


def test_turning_the_app_off_removes_it_and_its_codes_and_is_recorded(client):
    user = UserFactory()
    client.force_login(user)
    confirm_with_password(client)
    secret = _activate_page(client).context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": code_valid_for_a_while(pyotp.TOTP(secret))})
    assert client.get(reverse("mfa_deactivate_totp")).status_code == 200
    assert client.post(reverse("mfa_deactivate_totp")).status_code == 302
    assert not Authenticator.objects.filter(user=user).exists()
    removed = SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.FACTOR_REMOVED)
    assert sorted(removed.values_list("method", flat=True)) == ["recovery_codes", "totp"]


@pytest.mark.django_db(transaction=True)
def test_new_recovery_codes_replace_the_old_ones_and_are_recorded(client, mailoutbox):
    user = UserFactory()
    with_authenticator_app(user)
    old = Authenticator.objects.get(user=user, type="recovery_codes").wrap().get_unused_codes()
    client.force_login(user)
    confirm_with_password(client)
    assert client.get(reverse("mfa_generate_recovery_codes")).status_code == 200
    assert client.post(reverse("mfa_generate_recovery_codes")).status_code == 302
    new = Authenticator.objects.get(user=user, type="recovery_codes").wrap().get_unused_codes()
    assert set(new).isdisjoint(old)
    assert SecurityEvent.Kind.RECOVERY_CODES_GENERATED in _kinds(user)
    assert len(mailoutbox) == 1


def test_the_mfa_overview_is_the_security_page(client):
    client.force_login(UserFactory())
    response = client.get(reverse("mfa_index"))
    assert response.status_code == 302 and response["Location"] == reverse("account_security")
