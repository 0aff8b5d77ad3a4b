"""allauth's pages under /accounts/ (ADR 0057): the same sign-in, the portal's own password, profile and security
pages instead of allauth's, its e-mailed-code pages not offered; allauth's names still reverse."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.sessions_helpers import signed_in
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "kwargs", "target"),
    [
        ("account_email", {}, "profile"),
        ("account_change_password", {}, "password_change"),
        ("account_set_password", {}, "password_change"),
        ("account_reset_password", {}, "password_reset"),
        ("account_reset_password_done", {}, "password_reset_done"),
        ("account_reset_password_from_key", {"uidb36": "1", "key": "abc-def"}, "password_reset"),
        ("account_reset_password_from_key_done", {}, "password_reset_complete"),
        ("usersessions_list", {}, "account_security"),
    ],
)
def test_sessions_allauth_page_sends_to_the_portals_own(personas, name, kwargs, target):
    response = signed_in(personas.staff).get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302 and response["Location"] == reverse(target)


@pytest.mark.parametrize(
    "name",
    [
        "account_email_verification_sent",
        "account_confirm_login_code",
        "account_request_reauthentication_code",
        "account_confirm_reauthentication_code",
    ],
)
def test_sessions_allauth_code_and_confirmation_pages_are_not_offered(personas, name):
    assert signed_in(personas.staff).get(reverse(name)).status_code == 404


def test_sessions_allauth_email_page_changes_nothing(personas):
    client = signed_in(personas.staff)
    response = client.post(reverse("account_email"), {"action_add": "1", "email": "mine@example.org"})
    assert response.status_code == 302
    personas.staff.refresh_from_db()
    assert personas.staff.email != "mine@example.org"


def test_sessions_allauth_login_is_the_same_sign_in(personas):
    client = Client()
    templates = [template.name for template in client.get(reverse("account_login")).templates]
    assert "registration/login.html" in templates
    response = client.post(reverse("account_login"), {"login": "staff", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200


def test_sessions_allauth_signup_is_closed(db):
    page = Client().get(reverse("account_signup")).content.decode()
    assert 'name="password1"' not in page


def test_sessions_allauth_query_string_is_kept(personas):
    response = signed_in(personas.staff).get(reverse("account_reset_password") + "?next=/plans/")
    assert response["Location"] == reverse("password_reset") + "?next=/plans/"
