"""Single sign-on pages that need no answer from the provider: the login page, SSO required with break-glass
accounts, password reset, a callback without a matching state, and allauth's sign-up and connections pages."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from equity.models import SecurityEvent, User
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ISSUER = "https://id.city.example"


@pytest.fixture
def sso_configured(settings):
    """A provider in the settings (its discovery document is never fetched by these tests)."""
    settings.SSO_ISSUER_URL = ISSUER
    settings.SSO_PROVIDER_NAME = "CityID"
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            **settings.SOCIALACCOUNT_PROVIDERS["openid_connect"],
            "APPS": [
                {
                    "provider_id": "city",
                    "name": "CityID",
                    "client_id": "equity-portal",
                    "secret": "s3cret",
                    "settings": {"server_url": ISSUER, "scope": ["openid", "profile", "email"]},
                }
            ],
        }
    }
    return settings


@pytest.fixture
def sso_required(sso_configured):
    sso_configured.SSO_REQUIRED = True
    sso_configured.SSO_BREAK_GLASS_USERS = ["rescue-admin"]
    return sso_configured


def _login(client, username, password=TEST_PASSWORD):
    return client.post(reverse("login"), {"login": username, "password": password})


def _refusals(reason=""):
    return SecurityEvent.objects.filter(kind=SecurityEvent.Kind.SIGN_IN_REFUSED, detail__startswith=reason)


def test_login_page_without_a_provider_is_the_password_form_only(client):
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with" not in page
    assert 'name="password"' in page


def test_login_page_leads_with_the_providers_button(client, sso_configured):
    page = client.get(reverse("login")).content.decode()
    button = "Sign in with CityID"
    assert button in page
    assert page.index(button) < page.index('name="password"')
    assert reverse("openid_connect_login", kwargs={"provider_id": "city"}) in page
    assert "Or with a portal password" in page


def test_login_page_under_sso_required_keeps_the_password_form_for_break_glass(client, sso_required):
    page = client.get(reverse("login")).content.decode()
    assert "Break-glass administrators" in page
    assert 'name="password"' in page


def test_password_sign_in_works_with_sso_on_but_not_required(client, sso_configured):
    UserFactory(username="dana")
    response = _login(client, "dana")
    assert response.status_code == 302
    assert SESSION_KEY in client.session


def test_sso_required_refuses_a_password_sign_in_with_a_clear_error(client, sso_required):
    UserFactory(username="dana")
    response = _login(client, "dana")
    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    assert "The portal signs in through the city&#x27;s identity provider" in response.content.decode()
    event = _refusals("sso_required").get()
    assert (event.username, event.method) == ("dana", "password")


def test_sso_required_refuses_even_a_wrong_password_without_checking_it(client, sso_required):
    UserFactory(username="dana")
    response = _login(client, "dana", "not-the-password")
    assert "The portal signs in through the city" in response.content.decode()


def test_sso_required_lets_a_break_glass_account_sign_in_with_its_password(client, sso_required):
    UserFactory(username="rescue-admin", is_superuser=True, is_staff=True)
    response = _login(client, "rescue-admin")
    assert response.status_code == 302
    assert SESSION_KEY in client.session
    assert not _refusals().exists()


def test_sso_required_refuses_an_account_whose_username_only_differs_in_case(client, sso_required):
    UserFactory(username="Rescue-Admin")
    response = _login(client, "Rescue-Admin")
    assert SESSION_KEY not in client.session
    assert "The portal signs in through the city" in response.content.decode()


def test_password_reset_under_sso_required_mails_break_glass_accounts_only(client, sso_required):
    UserFactory(username="dana", email="dana@city.example")
    UserFactory(username="rescue-admin", email="rescue@city.example")
    page = client.get(reverse("password_reset")).content.decode()
    assert "there is no portal password to reset" in page
    response = client.post(reverse("password_reset"), {"email": "dana@city.example"}, follow=True)
    assert "no e-mail was sent to them" in response.content.decode()
    assert mail.outbox == []
    client.post(reverse("password_reset"), {"email": "rescue@city.example"})
    assert [message.to for message in mail.outbox] == [["rescue@city.example"]]


def test_password_reset_without_sso_required_mails_everyone(client, sso_configured):
    UserFactory(username="dana", email="dana@city.example")
    client.post(reverse("password_reset"), {"email": "dana@city.example"})
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("query", ["?code=abc", "?code=abc&state=tampered-state-value", "?state=&code=abc"])
def test_callback_without_this_browsers_state_is_refused_with_a_clear_page(client, sso_configured, query):
    users = User.objects.count()
    response = client.get(reverse("openid_connect_callback", kwargs={"provider_id": "city"}) + query)
    page = response.content.decode()
    assert response.status_code == 401
    assert "Sign-in refused" in page
    assert "could not be matched to a sign-in started in this browser" in page
    assert reverse("login") in page
    assert "Third-Party Login Failure" not in page
    assert User.objects.count() == users
    assert _refusals("state").get().method == "sso"


def test_provider_urls_404_for_an_unknown_provider_or_with_no_provider(client, sso_configured):
    assert client.get(reverse("openid_connect_login", kwargs={"provider_id": "other"})).status_code == 404
    sso_configured.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
    assert client.get(reverse("openid_connect_callback", kwargs={"provider_id": "city"})).status_code == 404


def test_provider_login_on_get_asks_to_continue_in_the_portals_layout(client, sso_configured):
    page = client.get(reverse("openid_connect_login", kwargs={"provider_id": "city"})).content.decode()
    assert "Sign in with CityID" in page
    assert 'method="post"' in page


def test_socialaccount_signup_is_never_a_form(client, sso_configured):
    response = client.get(reverse("socialaccount_signup"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    session = client.session
    session["socialaccount_sociallogin"] = {"not": "a sign-in"}
    session.save()
    assert client.get(reverse("socialaccount_signup"))["Location"] == reverse("login")


def test_socialaccount_connections_goes_to_the_security_page(client):
    client.force_login(UserFactory())
    response = client.get(reverse("socialaccount_connections"))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_security")


def test_login_cancelled_page_says_what_to_do(client):
    page = client.get(reverse("socialaccount_login_cancelled")).content.decode()
    assert "Sign-in not finished" in page
    assert reverse("login") in page
