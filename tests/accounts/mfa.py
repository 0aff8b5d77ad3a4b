"""Helpers for the second-factor tests: a password sign-in through the portal's form, and a person with an
authenticator app whose secret the test knows (so it can make real codes with pyotp)."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pyotp
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client
from django.urls import reverse

from tests.factories import TEST_PASSWORD


def password_sign_in(client: Client, user) -> object:
    """POST the sign-in form with the person's password; returns the response (a redirect on to the next step)."""
    return client.post(reverse("login"), {"login": user.username, "password": TEST_PASSWORD})


def confirm_with_password(client: Client) -> None:
    """Confirm it is you (allauth's reauthentication, asked before any change of a factor) with the password."""
    response = client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    assert response.status_code == 302, response.content.decode()


def with_authenticator_app(user) -> pyotp.TOTP:
    """Give `user` an authenticator app (and recovery codes, as enrolment does); returns their code generator."""
    secret = pyotp.random_base32()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return pyotp.TOTP(secret)


def other_code(totp: pyotp.TOTP) -> str:
    """A six-digit code that is not valid now (nor one period either side)."""
    now = datetime.now(tz=UTC)
    valid = {totp.at(now, counter_offset=step) for step in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222") if code not in valid)


def code_valid_for_a_while(totp: pyotp.TOTP, *, margin: float = 10.0) -> str:
    """The current code, taken at least `margin` seconds before its 30-second step ends: a code taken just before the
    step changes may reach the portal in the next step and be refused (as once in CI, on a loaded machine). Waits at
    most `margin` seconds, only in the step's last seconds."""
    left = totp.interval - time.time() % totp.interval
    if left < margin:
        time.sleep(left + 0.05)
    return totp.now()
