"""Signing in through the real test identity provider (tests/sso): accounts made just in time and reused, linked by
verified e-mail only, and every refusal (state, nonce, expiry, signature, audience, issuer, unverified e-mail,
deactivated account) shown on a clear page, recorded, and creating no account."""

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from allauth.socialaccount.internal.statekit import STATES_SESSION_KEY
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from equity.models import SecurityEvent, User
from tests.factories import TEST_PASSWORD, UserFactory
from tests.sso.fixtures import sso_authorize_url, sso_callback_url, sso_settings, sso_sign_in

pytestmark = pytest.mark.django_db

GRACE = {
    "sub": "g-1",
    "preferred_username": "grace",
    "email": "grace.hopper@city.example.gov",
    "given_name": "Grace",
    "family_name": "Hopper",
    "job_title": "Budget Analyst",
    "employee_id": "E-1906",
}


def _refusals(reason: str):
    return SecurityEvent.objects.filter(kind=SecurityEvent.Kind.SIGN_IN_REFUSED, detail__startswith=reason)


def _signed_in(client) -> bool:
    return SESSION_KEY in client.session


def test_first_sign_in_creates_the_account_from_the_claims(client, sso_enabled):
    sso_enabled.add_account(**GRACE)
    response = sso_sign_in(client, sso_enabled, username="grace")
    assert response.status_code == 200
    assert _signed_in(client)
    user = User.objects.get(email="grace.hopper@city.example.gov")
    assert (user.username, user.full_name, user.job_title, user.employee_id) == (
        "grace",
        "Grace Hopper",
        "Budget Analyst",
        "E-1906",
    )
    assert not user.has_usable_password()
    assert SocialAccount.objects.get(provider="city").user == user
    created = SecurityEvent.objects.get(kind=SecurityEvent.Kind.ACCOUNT_CREATED)
    assert (created.user, created.method) == (user, "sso")
    assert user.history.get(history_type="+").history_change_reason == "Created at first sign-in through single sign-on"


def test_second_sign_in_reuses_the_account(client, sso_enabled):
    sso_enabled.add_account(**GRACE)
    sso_sign_in(client, sso_enabled, username="grace")
    client.logout()
    sso_sign_in(client, sso_enabled, username="grace")
    assert _signed_in(client)
    assert User.objects.count() == 1
    assert SocialAccount.objects.count() == 1
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.ACCOUNT_CREATED).count() == 1


def test_a_taken_username_gets_a_number(client, sso_enabled):
    UserFactory(username="grace", email="another.grace@city.example.gov")
    sso_enabled.add_account(**GRACE)
    sso_sign_in(client, sso_enabled, username="grace")
    assert User.objects.get(email="grace.hopper@city.example.gov").username == "grace2"


def test_the_name_comes_from_the_name_claim_first_and_long_values_are_cut(client, sso_enabled):
    sso_enabled.add_account(**{**GRACE, "name": "Rear Admiral Grace Hopper", "job_title": "x" * 400})
    sso_sign_in(client, sso_enabled, username="grace")
    user = User.objects.get()
    assert user.full_name == "Rear Admiral Grace Hopper"
    assert user.job_title == "x" * 150


def test_an_existing_account_is_linked_by_verified_email_whatever_its_case(client, sso_enabled):
    existing = UserFactory(username="ghopper", email="Grace.Hopper@City.example.gov")
    sso_enabled.add_account(**GRACE)
    sso_sign_in(client, sso_enabled, username="grace")
    assert client.session[SESSION_KEY] == str(existing.pk)
    assert User.objects.count() == 1
    assert SocialAccount.objects.get().user == existing
    existing.refresh_from_db()
    assert existing.has_usable_password()  # a break-glass administrator keeps their password
    assert [address.lower() for address in mail.outbox[-1].to] == ["grace.hopper@city.example.gov"]


def test_an_unverified_email_is_refused_and_creates_no_account(client, sso_enabled):
    UserFactory(username="ghopper", email="grace.hopper@city.example.gov")
    sso_enabled.add_account(**{**GRACE, "email_verified": False})
    users = User.objects.count()
    response = sso_sign_in(client, sso_enabled, username="grace")
    page = response.content.decode()
    assert response.status_code == 403
    assert "has not confirmed that the e-mail address on your city account is yours" in page
    assert reverse("login") in page
    assert not _signed_in(client)
    assert User.objects.count() == users
    assert not SocialAccount.objects.exists()
    assert _refusals("email_unverified").get().username == "grace"


def test_an_address_in_a_verified_domain_needs_no_email_verified(client, sso_enabled, settings):
    sso_settings(settings, sso_enabled, SSO_VERIFIED_EMAIL_DOMAINS="City.example.gov")
    sso_enabled.add_account(**{**GRACE, "email_verified": False})
    sso_sign_in(client, sso_enabled, username="grace")
    assert _signed_in(client)


def test_a_deactivated_account_cannot_sign_in_through_the_provider(client, sso_enabled):
    sso_enabled.add_account(**GRACE)
    sso_sign_in(client, sso_enabled, username="grace")
    client.logout()
    User.objects.update(is_active=False)
    response = sso_sign_in(client, sso_enabled, username="grace")
    assert response.status_code == 403
    assert "Account deactivated" in response.content.decode()
    assert not _signed_in(client)
    assert _refusals("inactive").get().username == "grace"


def test_a_deactivated_account_is_not_linked_by_email(client, sso_enabled):
    UserFactory(username="ghopper", email="grace.hopper@city.example.gov", is_active=False)
    sso_enabled.add_account(**GRACE)
    response = sso_sign_in(client, sso_enabled, username="grace")
    assert response.status_code == 403
    assert not SocialAccount.objects.exists()
    assert User.objects.count() == 1
    assert _refusals("inactive").exists()


def test_no_name_in_the_claims_gives_the_username_as_name_never_a_sign_up_form(client, sso_enabled):
    sso_enabled.add_account(sub="n-1", preferred_username="noname", email="noname@city.example.gov")
    sso_sign_in(client, sso_enabled, username="noname")
    assert User.objects.get().full_name == "noname"
    assert _signed_in(client)


def test_an_address_on_two_accounts_is_refused_not_sent_to_a_sign_up_form(client, sso_enabled):
    UserFactory(username="g1", email="grace.hopper@city.example.gov")
    UserFactory(username="g2", email="Grace.Hopper@city.example.gov")
    sso_enabled.add_account(**GRACE)
    response = sso_sign_in(client, sso_enabled, username="grace")
    assert response.status_code == 403
    assert "is on more than one portal account" in response.content.decode()
    assert User.objects.count() == 2
    assert not SocialAccount.objects.exists()
    assert _refusals("account_incomplete").exists()


def test_the_authorization_request_carries_a_nonce_kept_in_the_state_and_pkce(client, sso_enabled):
    query = parse_qs(urlsplit(sso_authorize_url(client)).query)
    assert query["code_challenge_method"] == ["S256"]
    state, _, provider_id = client.session[STATES_SESSION_KEY][query["state"][0]]
    assert provider_id == "city"
    assert state["nonce"] == query["nonce"][0]
    assert len(query["nonce"][0]) >= 40


def _callback_with(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = {name: values[0] for name, values in parse_qs(parts.query).items()}
    query.update(changes)
    return f"{parts.path}?{urlencode(query)}"


def test_a_tampered_state_is_refused_and_creates_no_account(client, sso_enabled):
    sso_enabled.add_account(**GRACE)
    callback = sso_callback_url(client, sso_enabled, username="grace")
    response = client.get(_callback_with(callback, state="tampered"))
    assert response.status_code == 401
    assert "could not be matched to a sign-in started in this browser" in response.content.decode()
    assert not User.objects.exists()
    assert not _signed_in(client)
    assert _refusals("state").exists()


def test_a_callback_used_twice_is_refused_the_second_time(client, sso_enabled):
    sso_enabled.add_account(**GRACE)
    callback = sso_callback_url(client, sso_enabled, username="grace")
    client.get(callback)
    client.logout()
    response = client.get(callback)
    assert response.status_code == 401
    assert not _signed_in(client)
    assert _refusals("state").exists()


def test_a_callback_in_another_browser_is_refused(client, sso_enabled, django_user_model):
    from django.test import Client

    sso_enabled.add_account(**GRACE)
    callback = sso_callback_url(client, sso_enabled, username="grace")
    response = Client().get(callback)
    assert response.status_code == 401
    assert not django_user_model.objects.exists()


@pytest.mark.parametrize(
    ("fault", "reason", "words"),
    [
        ("wrong_nonce", "nonce", "belonged to a different sign-in"),
        ("expired", "expired", "had expired, or was dated in the future"),
        ("bad_signature", "signature", "was not signed with one of"),
        ("wrong_audience", "audience", "was issued for another application"),
        ("wrong_issuer", "issuer", "came from another identity provider"),
    ],
)
def test_a_spoiled_id_token_is_refused_with_its_page_and_creates_no_account(client, sso_enabled, fault, reason, words):
    sso_enabled.add_account(**GRACE)
    sso_enabled.set_fault(fault)
    users = User.objects.count()
    response = sso_sign_in(client, sso_enabled, username="grace")
    page = response.content.decode()
    assert response.status_code == 401
    assert words in page
    assert "Back to sign in" in page
    assert "Traceback" not in page and "Third-Party Login Failure" not in page
    assert User.objects.count() == users
    assert not SocialAccount.objects.exists()
    assert not _signed_in(client)
    assert _refusals(reason).get().method == "sso"


def test_a_sign_in_declined_at_the_provider_shows_the_cancelled_page(client, sso_enabled):
    sso_enabled.add_account(**GRACE)
    callback = sso_callback_url(client, sso_enabled, username="grace", allow=False)
    response = client.get(callback, follow=True)
    assert "Sign-in not finished" in response.content.decode()
    assert not User.objects.exists()
    assert _refusals("provider_denied").exists()


def test_connect_is_never_done_the_sign_in_is_a_plain_sign_in(client, sso_enabled):
    someone = UserFactory(username="someone", email="someone@city.example.gov")
    client.force_login(someone)
    sso_enabled.add_account(**GRACE)
    authorize = sso_authorize_url(client, process="connect")
    client.get(sso_enabled.sign_in(authorize, username="grace"))
    assert not SocialAccount.objects.filter(user=someone).exists()


def test_sso_required_still_signs_in_through_the_provider(client, sso_enabled, settings):
    settings.SSO_REQUIRED = True
    sso_enabled.add_account(**GRACE)
    sso_sign_in(client, sso_enabled, username="grace")
    assert _signed_in(client)
    client.logout()
    response = client.post(reverse("login"), {"login": "grace", "password": TEST_PASSWORD})
    assert "The portal signs in through the city" in response.content.decode()
