"""The portal's sign-in middleware.

- LastSeenMiddleware: a session's "last seen" on the security page, without a query on an ordinary page
  (docs/accounts/sessions.md).
- MFARequiredMiddleware: second factors required per role (MFA_REQUIRED_ROLES, ADR 0056): a signed-in person
  whose role requires one and who has none is sent to /account/security/ to add one, from every page but the few
  that enrolment needs. The answer is kept in the session once the person has a factor, so a page costs no query;
  until then (only for the roles that require it) each request asks the database, so a factor added in another
  session counts at once. Sessions signed in through the city's identity provider are exempt: there the provider
  asks for the second factor.
"""

from __future__ import annotations

from allauth.account.internal.flows.login import get_authentication_records
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from equity.accounts.factors import ROLE_CODES, has_second_factor, mfa_required_for_user
from equity.accounts.session_services import session_seen_record

ENROLLED = "equity_mfa_enrolled"  # session key: this session's person has a second factor
# Pages a person without a factor may still reach: adding one (and the reauthentication it asks for), signing out,
# the health check. allauth's second-factor pages all start with "mfa_"; the public site is marked by its middleware.
OPEN_URL_NAMES = frozenset({"account_security", "account_reauthenticate", "logout", "account_logout", "healthz"})
OPEN_NAMESPACES = frozenset({"verify"})


def signed_in_through_provider(*, request: HttpRequest) -> bool:
    """Whether this session was signed in through the city's identity provider (allauth records the methods)."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "socialaccount" for record in records)


def _open_page(request: HttpRequest) -> bool:
    match = request.resolver_match
    if match is None:
        return True
    name = match.url_name or ""
    return name in OPEN_URL_NAMES or name.startswith("mfa_") or bool(set(match.namespaces) & OPEN_NAMESPACES)


class MFARequiredMiddleware:
    """Send a signed-in person whose role requires a second factor, and who has none, to add one."""

    def __init__(self, get_response):
        unknown = set(settings.MFA_REQUIRED_ROLES) - ROLE_CODES
        if unknown:
            raise ImproperlyConfigured(
                f"MFA_REQUIRED_ROLES: unknown roles {sorted(unknown)}; use {sorted(ROLE_CODES)}."
            )
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(request, "public_response", False) or not request.user.is_authenticated:
            return None
        if request.session.get(ENROLLED) or not mfa_required_for_user(user=request.user):
            return None
        if _open_page(request) or signed_in_through_provider(request=request):
            return None
        if has_second_factor(user=request.user):
            request.session[ENROLLED] = True
            return None
        messages.warning(
            request,
            _(
                "Your role in the portal requires a second factor. Add an authenticator app or a passkey below "
                "before you continue."
            ),
        )
        if request.headers.get("HX-Request"):  # a page fragment: the whole page goes to the security page
            return HttpResponseClientRedirect(reverse("account_security"))
        return redirect("account_security")


class LastSeenMiddleware:
    """Keeps the session list's "last seen" within a few minutes (allauth's own tracking writes on every page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and request.session.session_key:
            session_seen_record(request=request)
        return self.get_response(request)
