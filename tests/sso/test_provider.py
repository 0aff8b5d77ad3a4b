"""The test identity provider itself (ADR 0058): it answers like a real one, a sign-in through the portal works end to
end, and each fault mode really spoils the ID token (checked with PyJWT against the provider's JWKS)."""

import json
import secrets

import jwt
import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model

from tests.sso.fixtures import sso_callback_url, sso_settings, sso_sign_in
from tests.sso.idp import CALLBACK_PATH, FAULTS, ProviderError

ADA = {
    "sub": "a1b2c3-ada",
    "preferred_username": "ada.lovelace",
    "email": "ada.lovelace@city.example.gov",
    "name": "Ada Lovelace",
    "given_name": "Ada",
    "family_name": "Lovelace",
    "groups": ["SLP-CommDev-Managers", "SLP-All-Staff"],
    "job_title": "Analyst",
    "employee_id": "E-1815",
}


def _verified(token: str, provider, *, audience: str | None = None, **options) -> dict:
    """The ID token's claims, its signature checked against the provider's JWKS (PyJWT)."""
    keys = {key["kid"]: key for key in provider.jwks()["keys"]}
    kid = jwt.get_unverified_header(token)["kid"]
    key = jwt.PyJWK.from_json(json.dumps(keys[kid]))
    return jwt.decode(
        token, key, algorithms=["RS256"], audience=audience or provider.client_id, issuer=provider.issuer, **options
    )


def test_discovery_and_jwks_answer(oidc_provider):
    discovery = oidc_provider.discovery()
    assert discovery["issuer"] == oidc_provider.issuer
    assert discovery["code_challenge_methods_supported"] == ["S256"]
    assert {"openid", "profile", "email", "groups"} <= set(discovery["scopes_supported"])
    assert {"client_secret_post", "client_secret_basic"} == set(discovery["token_endpoint_auth_methods_supported"])
    (key,) = oidc_provider.jwks()["keys"]
    assert (key["kty"], key["alg"], key["use"]) == ("RSA", "RS256", "sig")
    assert "d" not in key  # public half only


def test_control_api_answers_loopback_only_and_refuses_unknown_faults(oidc_provider):
    assert requests.get(f"{oidc_provider.issuer}/__test__/health", timeout=5).json()["issuer"] == oidc_provider.issuer
    with pytest.raises(ValueError):
        oidc_provider.set_fault("no_such_fault")
    refused = requests.post(f"{oidc_provider.issuer}/__test__/fault", json={"fault": "nope"}, timeout=5)
    assert refused.status_code == 400


def test_tokens_carry_the_granted_claims_and_userinfo_too(sso_enabled):
    sso_enabled.add_account(**ADA)
    nonce = secrets.token_urlsafe(12)
    tokens = sso_enabled.issue_tokens(username="ada.lovelace", nonce=nonce)
    claims = _verified(tokens["id_token"], sso_enabled)
    assert claims["nonce"] == nonce
    assert (claims["sub"], claims["email"], claims["email_verified"]) == (ADA["sub"], ADA["email"], True)
    assert (claims["groups"], claims["job_title"], claims["employee_id"]) == (ADA["groups"], "Analyst", "E-1815")
    userinfo = requests.get(
        sso_enabled.discovery()["userinfo_endpoint"],
        headers={"Authorization": f"Bearer {tokens['access_token']}"},
        timeout=5,
    ).json()
    assert (userinfo["sub"], userinfo["groups"], userinfo["family_name"]) == (ADA["sub"], ADA["groups"], "Lovelace")


@pytest.mark.parametrize("fault", FAULTS)
def test_each_fault_really_spoils_the_id_token_and_keeps_the_access_token(sso_enabled, fault):
    sso_enabled.add_account(**ADA)
    sso_enabled.set_fault(fault)
    nonce = secrets.token_urlsafe(12)
    tokens = sso_enabled.issue_tokens(username="ada.lovelace", nonce=nonce)
    token = tokens["id_token"]
    refusal = {
        "bad_signature": jwt.InvalidSignatureError,
        "expired": jwt.ExpiredSignatureError,
        "wrong_audience": jwt.InvalidAudienceError,
        "wrong_issuer": jwt.InvalidIssuerError,
    }
    if fault in refusal:
        with pytest.raises(refusal[fault]):
            _verified(token, sso_enabled)
    else:
        assert _verified(token, sso_enabled)["nonce"] != nonce
    if fault == "bad_signature":
        assert jwt.get_unverified_header(token)["kid"] == sso_enabled.jwks()["keys"][0]["kid"]
    unverified = jwt.decode(token, options={"verify_signature": False})
    assert (unverified["sub"], unverified["groups"]) == (ADA["sub"], ADA["groups"])  # otherwise the same token
    userinfo = requests.get(
        sso_enabled.discovery()["userinfo_endpoint"],
        headers={"Authorization": f"Bearer {tokens['access_token']}"},
        timeout=5,
    )
    assert userinfo.json()["sub"] == ADA["sub"]


def test_a_wrong_password_is_refused_at_the_provider(sso_enabled):
    sso_enabled.add_account(**ADA)
    with pytest.raises(ProviderError, match="wrong username or password"):
        sso_enabled.issue_tokens(username="ada.lovelace", password="not-the-password")


def test_only_the_portals_callback_path_is_a_redirect_uri(sso_enabled):
    sso_enabled.add_account(**ADA)
    live_server = f"http://localhost:8123{CALLBACK_PATH}"
    assert sso_enabled.issue_tokens(username="ada.lovelace", redirect_uri=live_server)["id_token"]
    with pytest.raises(ProviderError, match="redirect_uri"):
        sso_enabled.issue_tokens(username="ada.lovelace", redirect_uri="http://evil.example/accounts/")


@pytest.mark.django_db
def test_a_sign_in_through_the_portal_creates_the_account_from_the_claims(client, sso_enabled):
    sso_enabled.add_account(**ADA)
    response = sso_sign_in(client, sso_enabled, username="ada.lovelace")
    assert response.status_code == 200
    assert response.wsgi_request.user.is_authenticated
    account = SocialAccount.objects.get(provider="city", uid=ADA["sub"])
    assert account.user.email == ADA["email"]
    assert account.extra_data["id_token"]["groups"] == ADA["groups"]
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db
def test_the_callback_url_can_be_tampered_with(client, sso_enabled):
    sso_enabled.add_account(**ADA)
    callback = sso_callback_url(client, sso_enabled, username="ada.lovelace")
    assert "code=" in callback and "state=" in callback
    response = client.get(callback.replace("state=", "state=tampered"))
    assert not response.wsgi_request.user.is_authenticated
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_client_secret_basic_and_the_next_page(client, settings, sso_enabled):
    sso_enabled.add_account(**ADA)
    sso_enabled.set_token_auth_method("client_secret_basic")
    sso_settings(settings, sso_enabled, SSO_TOKEN_AUTH_METHOD="client_secret_basic")
    response = sso_sign_in(client, sso_enabled, username="ada.lovelace", next="/profile/")
    assert response.wsgi_request.user.is_authenticated
    assert response.redirect_chain[-1][0] == "/profile/"


@pytest.mark.django_db
def test_denying_consent_sends_the_person_back_with_an_error(client, sso_enabled):
    sso_enabled.add_account(**ADA)
    callback = sso_callback_url(client, sso_enabled, username="ada.lovelace", allow=False)
    assert "error=access_denied" in callback
    response = client.get(callback, follow=True)
    assert not response.wsgi_request.user.is_authenticated
    assert not get_user_model().objects.exists()
