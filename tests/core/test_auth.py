"""Sign-in, throttling of failed logins, the password policy and session lifetimes."""

import time

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, username, password, ip="10.0.0.1"):
    return client.post(reverse("login"), {"login": username, "password": password}, REMOTE_ADDR=ip)


def test_login_success_lands_on_dashboard(client):
    UserFactory(username="dana", full_name="Dana Okafor")
    response = _login(client, "dana", TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert "Welcome, Dana Okafor" in client.get(reverse("dashboard")).content.decode()


def test_login_wrong_password_shows_error_and_is_counted(client):
    UserFactory(username="dana")
    response = _login(client, "dana", "not-the-password-at-all")
    assert response.status_code == 200
    assert "The username or password is not correct" in response.content.decode()
    attempt = AccessAttempt.objects.get(username="dana")
    assert attempt.failures_since_start == 1


def test_login_locks_username_from_one_address_only(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="dana")
    for _ in range(3):
        _login(client, "dana", "wrong-password-here", ip="203.0.113.9")
    locked = _login(client, "dana", TEST_PASSWORD, ip="203.0.113.9")
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()
    # The real person, at their own address, still gets in: the attacker cannot lock them out.
    assert _login(client, "dana", TEST_PASSWORD, ip="10.1.1.1").status_code == 302


def test_login_inactive_user_is_refused(client):
    UserFactory(username="gone", is_active=False)
    response = _login(client, "gone", TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_inactive")
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert "This account has been deactivated" in page.content.decode()


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("fourteen-chars", False),
        ("fifteen-chars!!", True),
        ("x" * 15 + "correct horse battery staple " * 2, True),
        ("a long passphrase about lake louise and cedar trees in november", True),
        ("passwordpassword", False),
        ("q" * 20, False),
        ("abcabcabcabcabcabc", False),
        ("EquityPortal2026", False),
    ],
)
def test_password_policy_follows_nist_length_and_blocklist(password, ok):
    if ok:
        validate_password(password)
    else:
        with pytest.raises(ValidationError):
            validate_password(password)


def test_password_policy_has_no_composition_rules():
    validate_password("all lower case words here")  # no digits, capitals or symbols required


def test_session_idle_timeout_is_configured(settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60 == 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_session_absolute_lifetime_logs_out(client, settings):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("dashboard")).status_code == 200
    session = client.session
    session["equity_login_at"] = int(time.time()) - settings.SESSION_ABSOLUTE_HOURS * 3600 - 5
    session.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_password_reset_sends_email(client, mailoutbox):
    UserFactory(username="dana", email="dana@example.org")
    response = client.post(reverse("password_reset"), {"email": "dana@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/password/reset/" in mailoutbox[0].body
