"""Passkeys without a browser: a malformed or forged credential is a form error (never a server error) and adds or
signs in nothing. (The ceremony itself is tested in Chromium: test_mfa_browser.py.)"""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.accounts.mfa import confirm_with_password, password_sign_in, with_authenticator_app
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FORGED = [
    '{"id": "forged", "type": "public-key"}',
    '{"id": "x", "rawId": "x", "type": "public-key", "response": {}}',
    '["not", "an", "object"]',
    '"just a string"',
    "not json at all",
]


@pytest.mark.parametrize("credential", FORGED)
def test_adding_a_forged_passkey_is_refused_with_a_form_error(client, credential):
    user = UserFactory()
    client.force_login(user)
    confirm_with_password(client)
    assert client.get(reverse("mfa_add_webauthn")).status_code == 200
    response = client.post(reverse("mfa_add_webauthn"), {"name": "Mine", "credential": credential})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert not Authenticator.objects.filter(user=user).exists()


@pytest.mark.parametrize("credential", FORGED)
def test_signing_in_with_a_forged_passkey_is_refused_with_a_form_error(client, credential):
    user = UserFactory()
    with_authenticator_app(user)
    password_sign_in(client, user)
    response = client.post(reverse("mfa_authenticate"), {"credential": credential})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302


@pytest.mark.parametrize("credential", FORGED)
def test_confirming_with_a_forged_passkey_is_refused(client, credential):
    user = UserFactory()
    with_authenticator_app(user)
    client.force_login(user)
    response = client.post(reverse("mfa_reauthenticate_webauthn"), {"credential": credential})
    assert response.status_code in (200, 302)
    assert client.get(reverse("mfa_activate_totp")).status_code == 302  # still not confirmed
