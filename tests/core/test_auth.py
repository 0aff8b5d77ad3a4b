"""Sign-in, throttling of failed logins, the password policy and session lifetimes."""

import time
from datetime import timedelta

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
    assert settings.SESSION_SAVE_EVERY_REQUEST is False


def test_the_idle_timeout_is_renewed_at_most_once_a_minute_in_production():
    from equity import settings_sign_in

    assert settings_sign_in.SESSION_RENEW_SECONDS == 60


def test_activity_renews_the_idle_timeout_at_most_once_a_minute(client, settings):
    """A page renews a signed-in session's expiry when the last renewal is a minute old, not on every request."""
    from django.contrib.sessions.models import Session

    settings.SESSION_RENEW_SECONDS = 60
    client.force_login(UserFactory())
    assert client.get(reverse("profile")).status_code == 200
    key = client.session.session_key
    renewed = Session.objects.get(session_key=key).expire_date
    assert "sessionid" not in client.get(reverse("profile")).cookies  # within the minute: no save, no new cookie
    assert Session.objects.get(session_key=key).expire_date == renewed
    session = client.session
    session["equity_renewed_at"] -= 61
    session.save()
    Session.objects.filter(session_key=key).update(expire_date=renewed - timedelta(minutes=5))
    response = client.get(reverse("profile"))
    assert "sessionid" in response.cookies  # renewed: saved, with its cookie
    assert Session.objects.get(session_key=key).expire_date > renewed - timedelta(minutes=5)


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


def test_profile_form_marks_an_invalid_field(client):
    """The profile renders its fields without crispy (ADR 0066), in the same markup, errors included."""
    client.force_login(UserFactory())
    response = client.post(reverse("profile"), {"preferred_name": "x" * 81, "job_title": "Analyst", "language": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="textinput form-control is-invalid"' in html
    assert 'class="invalid-feedback"' in html
    assert 'id="div_id_job_title"' in html and 'class="select form-select"' in html
