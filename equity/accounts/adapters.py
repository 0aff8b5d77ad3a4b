"""How allauth behaves in the portal: nobody signs themselves up with a password; with SSO_REQUIRED only the named
break-glass accounts sign in with one; the identity provider's first sign-in creates a staff account (just in time)
from its claims, an existing account is linked by verified e-mail only, a deactivated one is refused, and every
sign-in brings the person's departments and roles in step with their groups (ADR 0055)."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from allauth.socialaccount.providers.base.constants import AuthError, AuthProcess
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from equity.accounts.events import security_event_record
from equity.accounts.oidc.claims import claims_of
from equity.accounts.oidc.refusals import Reason, SignInRefused, sign_in_refusal_record, sign_in_refused_response
from equity.accounts.sso.access import access_from_groups
from equity.accounts.sso.accounts import (
    EMAIL_MAX,
    account_create_from_sign_in,
    account_fields_from_claims,
    account_for_email,
    account_link,
)
from equity.addresses import client_address
from equity.models import SecurityEvent


def is_break_glass(*, username: str) -> bool:
    """Whether `username` is one of the break-glass accounts (SSO_BREAK_GLASS_USERS) that keep a local password."""
    return username in settings.SSO_BREAK_GLASS_USERS


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": _("The username or password is not correct. Both are case-sensitive."),
        "sso_required": _(
            "The portal signs in through the city's identity provider: use the “Sign in with …” button above. "
            "Passwords are kept for the named break-glass administrator accounts only."
        ),
    }

    def get_client_ip(self, request) -> str | None:
        """The one client-address decision (equity.addresses), for allauth's session list and rate limits."""
        return client_address(request)

    def is_open_for_signup(self, request) -> bool:
        """Accounts are invited by the equity team (or made by single sign-on), never signed up for."""
        return False

    def _refuse_password(self, request, username: str):
        security_event_record(
            kind=SecurityEvent.Kind.SIGN_IN_REFUSED,
            request=request,
            username=username,
            method="password",
            detail="sso_required",
        )
        return self.validation_error("sso_required")

    def pre_authenticate(self, request, **credentials) -> None:
        """With SSO_REQUIRED a password is not even checked unless the username is a break-glass account's."""
        username = credentials.get("username") or ""
        if settings.SSO_REQUIRED and username.casefold() not in {u.casefold() for u in settings.SSO_BREAK_GLASS_USERS}:
            raise self._refuse_password(request, username)
        super().pre_authenticate(request, **credentials)

    def authenticate(self, request, **credentials):
        """allauth's check of the password; with SSO_REQUIRED the account found must be break-glass itself."""
        user = super().authenticate(request, **credentials)
        if user is not None and settings.SSO_REQUIRED and not is_break_glass(username=user.get_username()):
            raise self._refuse_password(request, credentials.get("username") or "")
        return user


def _refuse(request: HttpRequest, reason: Reason, *, username: str = "", detail: str = ""):
    """Stop this sign-in with the refusal page (allauth's flow returns the response it carries)."""
    return ImmediateHttpResponse(
        sign_in_refused_response(request=request, reason=reason, username=username, detail=detail)
    )


def _reason_of(*, request: HttpRequest, error, exception, extra_context: dict) -> tuple[Reason, str]:
    """Why allauth's OAuth2 flow stopped, and the detail worth recording."""
    if isinstance(exception, SignInRefused):
        return exception.reason, exception.detail
    if exception is not None:
        return Reason.PROVIDER_ERROR, f"{type(exception).__name__}: {exception}"
    if error == AuthError.CANCELLED:
        return Reason.PROVIDER_DENIED, "access_denied"
    if "state" not in extra_context:
        return Reason.STATE, "state missing, unknown, expired or used before"
    return Reason.PROVIDER_ERROR, f"the provider answered {request.GET.get('error', 'no code')[:60]}"


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        """A first sign-in through the city's identity provider creates the staff account from its claims."""
        return True

    def is_auto_signup_allowed(self, request, sociallogin) -> bool:
        """Always made from the claims; allauth's sign-up form is never shown (its page refuses instead)."""
        return True

    def populate_user(self, request, sociallogin, data):
        """A new account's names, e-mail, job title, employee id and username, from the provider's claims."""
        return account_fields_from_claims(user=sociallogin.user, claims=claims_of(sociallogin))

    def save_user(self, request, sociallogin, form=None):
        """Save the new account, then give it the departments and roles its groups map to."""
        user = account_create_from_sign_in(request=request, sociallogin=sociallogin)
        access_from_groups(user=user, claims=claims_of(sociallogin), request=request)
        return user

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None) -> None:
        """Record every failed sign-in through the provider and show its refusal page (a cancel shows allauth's)."""
        reason, detail = _reason_of(
            request=request, error=error, exception=exception, extra_context=extra_context or {}
        )
        if reason == Reason.PROVIDER_DENIED:
            sign_in_refusal_record(request=request, reason=reason, detail=detail)
            return
        raise ImmediateHttpResponse(sign_in_refused_response(request=request, reason=reason, detail=detail, status=401))

    def pre_social_login(self, request, sociallogin: SocialLogin):
        """Refuse what the portal does not accept, link an existing account by verified e-mail, and bring an
        existing account's departments and roles in step with its groups."""
        claims = claims_of(sociallogin)
        username = str(claims.get("preferred_username") or claims.get(settings.SSO_EMAIL_CLAIM) or "")[:150]
        if sociallogin.state.get("process", AuthProcess.LOGIN) != AuthProcess.LOGIN:
            raise _refuse(request, Reason.NOT_SIGN_IN, username=username)
        addresses = sociallogin.email_addresses
        if not addresses or len(addresses[0].email) > EMAIL_MAX:
            raise _refuse(request, Reason.EMAIL_MISSING, username=username, detail=settings.SSO_EMAIL_CLAIM)
        if not addresses[0].verified:
            raise _refuse(request, Reason.EMAIL_UNVERIFIED, username=username, detail=addresses[0].email)
        if not sociallogin.is_existing:
            self._link_by_email(request, sociallogin, email=addresses[0].email, username=username)
        if sociallogin.is_existing:
            if not sociallogin.user.is_active:
                raise _refuse(request, Reason.INACTIVE, username=sociallogin.user.get_username())
            access_from_groups(user=sociallogin.user, claims=claims, request=request)

    def _link_by_email(self, request, sociallogin: SocialLogin, *, email: str, username: str) -> None:
        """Link the one account with this (verified) e-mail address, whatever its case (none: a new one is made)."""
        matches = account_for_email(email=email)
        if len(matches) > 1:
            raise _refuse(request, Reason.ACCOUNT_INCOMPLETE, username=username, detail="e-mail on two accounts")
        if matches and not matches[0].is_active:
            raise _refuse(request, Reason.INACTIVE, username=matches[0].get_username())
        if matches:
            account_link(request=request, sociallogin=sociallogin, user=matches[0])
