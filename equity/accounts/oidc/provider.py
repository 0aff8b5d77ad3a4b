"""allauth's OpenID Connect provider, as the portal configures it (settings.SOCIALACCOUNT_PROVIDERS): each sign-in
sends a fresh `nonce` (kept in allauth's server-side state), only signs in (never connects accounts or takes dynamic
scopes), and reads the e-mail address from the claim the city names (SSO_EMAIL_CLAIM)."""

from __future__ import annotations

import secrets

from allauth.account.models import EmailAddress
from allauth.core.internal.datakit import parse_bool_safely
from allauth.socialaccount.providers.base.constants import AuthProcess
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from django.conf import settings
from django.http import HttpRequest

from equity.accounts.oidc.claims import merged_claims
from equity.accounts.oidc.views import CityOAuth2Adapter


class CityProvider(OpenIDConnectProvider):
    """The city's identity provider. Its URLs are this package's `urls` (allauth finds them by the class's package)."""

    oauth2_adapter_class = CityOAuth2Adapter
    # Posting a bare ID token to sign in (allauth's headless API) would skip the nonce: not offered.
    supports_token_authentication = False

    def get_redirect_from_request_kwargs(self, request: HttpRequest) -> dict:
        """Always a plain sign-in: accounts are linked by verified e-mail, never connected by hand."""
        kwargs = super().get_redirect_from_request_kwargs(request)
        kwargs["process"] = AuthProcess.LOGIN
        return kwargs

    def get_scope_from_request(self, request: HttpRequest) -> list[str]:
        """The configured scopes only (SSO_SCOPES); the address bar cannot add any."""
        return self.get_scope()

    def get_auth_params_from_request(self, request: HttpRequest, action) -> dict:
        """The configured parameters only; the address bar cannot add any."""
        return self.get_auth_params()

    def redirect(self, request: HttpRequest, process, next_url=None, data=None, **kwargs):
        """Send the browser to the provider with a fresh nonce, kept in allauth's state for the callback's check."""
        nonce = secrets.token_urlsafe(32)
        auth_params = {**(kwargs.pop("auth_params", None) or self.get_auth_params()), "nonce": nonce}
        return super().redirect(request, process, next_url, data, auth_params=auth_params, nonce=nonce, **kwargs)

    def extract_uid(self, data: dict) -> str:
        """The subject of the checked ID token (userinfo's, when fetched, was checked to be the same)."""
        return str(data["id_token"]["sub"])

    def extract_common_fields(self, data: dict) -> dict:
        """Names, username and e-mail from every claim the provider gave (the e-mail from SSO_EMAIL_CLAIM)."""
        claims = merged_claims(data)
        email = claims.get(settings.SSO_EMAIL_CLAIM)
        # `email_verified` speaks for the `email` claim only; another claim is verified by its domain, if at all.
        verified = settings.SSO_EMAIL_CLAIM == "email" and parse_bool_safely(claims.get("email_verified"))
        return {
            "email": email.strip() if isinstance(email, str) else None,
            "email_verified": verified,
            "username": claims.get("preferred_username"),
            "name": claims.get("name"),
            "first_name": claims.get("given_name"),
            "last_name": claims.get("family_name"),
        }

    def extract_email_addresses(self, data: dict) -> list[EmailAddress]:
        """The one address, verified when the provider says so (or its domain is in SSO_VERIFIED_EMAIL_DOMAINS)."""
        fields = self.extract_common_fields(data)
        if not fields["email"]:
            return []
        return [EmailAddress(email=fields["email"], verified=fields["email_verified"], primary=True)]
