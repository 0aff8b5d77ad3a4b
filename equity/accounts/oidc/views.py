"""The provider's sign-in and callback views: allauth's OAuth2 flow (state, PKCE) with the portal's client adapter,
which checks the discovery document and ALWAYS checks the ID token (equity.accounts.oidc.tokens), whatever channel
it came through; every failure becomes a refusal page, never a server error."""

from __future__ import annotations

import ipaddress
from http import HTTPStatus
from urllib.parse import urlsplit

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.internal.flows.signup import clear_pending_signup, get_pending_signup
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from requests import RequestException

from equity.accounts.oidc.refusals import Reason, SignInRefused, sign_in_refused_response
from equity.accounts.oidc.tokens import id_token_algorithms, id_token_claims

WELL_KNOWN = "/.well-known/openid-configuration"
REQUIRED_ENDPOINTS = ("authorization_endpoint", "token_endpoint", "jwks_uri")
LOOPBACK_HOSTS = {"localhost"}


def _issuer_of(url: str) -> str:
    """An issuer URL as configured (SSO_ISSUER_URL), without a discovery suffix or a trailing slash."""
    return url.removesuffix(WELL_KNOWN).rstrip("/")


def _is_safe_endpoint(url: object) -> bool:
    """https, or http on this machine's loopback (a test provider)."""
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    if parts.scheme == "https":
        return bool(parts.hostname)
    if parts.scheme != "http" or not parts.hostname:
        return False
    if parts.hostname in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(parts.hostname).is_loopback
    except ValueError:
        return False


def provider_form_action(response: HttpResponse) -> HttpResponse:
    """Let the page's forms lead to the provider: the sign-in button's POST is answered with a redirect there, which
    browsers hold to the page's CSP form-action ('self' for the rest of the portal)."""
    parts = urlsplit(settings.SSO_ISSUER_URL)
    if parts.scheme and parts.netloc:
        response._csp_update = {"form-action": [f"{parts.scheme}://{parts.netloc}"]}  # type: ignore[attr-defined]
    return response


def discovery_check(*, config: object, issuer_url: str) -> dict:
    """The discovery document, once its issuer is the configured one and its endpoints are usable."""
    if not isinstance(config, dict) or not isinstance(config.get("issuer"), str):
        raise SignInRefused(Reason.PROVIDER_CONFIG, "discovery document without an issuer")
    if _issuer_of(config["issuer"]) != _issuer_of(issuer_url):
        raise SignInRefused(Reason.PROVIDER_CONFIG, f"discovery issuer {config['issuer'][:100]} is not SSO_ISSUER_URL")
    for name in REQUIRED_ENDPOINTS:
        if not _is_safe_endpoint(config.get(name)):
            raise SignInRefused(Reason.PROVIDER_CONFIG, f"{name} missing or not https")
    return config


class CityOAuth2Adapter(OpenIDConnectOAuth2Adapter):
    """allauth's OpenID Connect client with the portal's checks of the discovery document and the ID token."""

    expected_nonce = ""  # set by the callback view from this sign-in's state

    def _get_json(self, url: str, headers: dict | None = None) -> object:
        with get_adapter().get_requests_session() as session:
            response = session.get(url, headers=headers or {})
            response.raise_for_status()
            return response.json()

    @property
    def openid_config(self) -> dict:
        """The provider's discovery document, checked against SSO_ISSUER_URL (fetched once per request)."""
        if not hasattr(self, "_openid_config"):
            provider = self.get_provider()
            config = self._get_json(provider.server_url)
            self._openid_config = discovery_check(config=config, issuer_url=provider.app.settings["server_url"])
        return self._openid_config

    def complete_login(self, request: HttpRequest, app, token, **kwargs):
        """The sign-in from a checked ID token (and the userinfo endpoint's claims for the same subject)."""
        id_token = kwargs["response"].get("id_token")
        if not isinstance(id_token, str) or not id_token:
            raise SignInRefused(Reason.MALFORMED, "no ID token in the token response")
        config = self.openid_config
        keys = self._get_json(config["jwks_uri"])
        claims = id_token_claims(
            token=id_token,
            keys=keys if isinstance(keys, dict) else {},
            issuer=config["issuer"],
            client_id=app.client_id,
            nonce=self.expected_nonce,
            algorithms=id_token_algorithms(supported=config.get("id_token_signing_alg_values_supported")),
        )
        data: dict = {"id_token": claims}
        if app.settings.get("fetch_userinfo", True) and config.get("userinfo_endpoint"):
            userinfo = self._get_json(config["userinfo_endpoint"], {"Authorization": f"Bearer {token.token}"})
            if not isinstance(userinfo, dict) or userinfo.get("sub") != claims["sub"]:
                raise SignInRefused(Reason.MALFORMED, "userinfo is for another subject")
            data["userinfo"] = userinfo
        return self.get_provider().sociallogin_from_response(request, data)


class CityCallbackView(OAuth2CallbackView):
    """allauth's callback (state looked up and used once), handing this sign-in's nonce to the adapter."""

    def _get_state(self, request: HttpRequest, provider):
        state, response = super()._get_state(request, provider)
        self.adapter.expected_nonce = (state or {}).get("nonce") or ""
        return state, response


def _run(request: HttpRequest, provider_id: str, view_class) -> HttpResponse:
    """Run one of allauth's OAuth2 views with the portal's adapter; what it does not catch becomes a refusal."""
    try:
        return view_class.adapter_view(CityOAuth2Adapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None
    except SignInRefused as refusal:
        return sign_in_refused_response(
            request=request, reason=refusal.reason, detail=refusal.detail, status=HTTPStatus.UNAUTHORIZED
        )
    except (OAuth2Error, RequestException) as error:
        return sign_in_refused_response(
            request=request, reason=Reason.PROVIDER_ERROR, detail=str(error), status=HTTPStatus.BAD_GATEWAY
        )


@login_not_required
def login(request: HttpRequest, provider_id: str) -> HttpResponse:
    """Start a sign-in: a confirmation page on GET, the redirect to the provider on POST."""
    return provider_form_action(_run(request, provider_id, OAuth2LoginView))


@login_not_required
def callback(request: HttpRequest, provider_id: str) -> HttpResponse:
    """The provider's answer: state, code exchange with PKCE, the ID token's checks, then allauth's sign-in."""
    return _run(request, provider_id, CityCallbackView)


@login_not_required
def signup_view(request: HttpRequest) -> HttpResponse:
    """allauth's sign-up form for a provider account, never shown: a sign-in that got this far is refused."""
    pending = get_pending_signup(request)
    if pending is None:
        return redirect("login")
    clear_pending_signup(request)
    return sign_in_refused_response(request=request, reason=Reason.ACCOUNT_INCOMPLETE, detail="sign-up form")


@login_required
def connections_view(request: HttpRequest) -> HttpResponse:
    """allauth's connections page: the person's city account is shown on /account/security/."""
    return redirect("account_security")
