"""Why a sign-in through the city's identity provider was refused, in plain words, and the one way a refusal is
recorded (a SIGN_IN_REFUSED security event) and shown (a page in the portal's layout, never a stack trace)."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from equity.accounts.events import security_event_record
from equity.models import SecurityEvent

METHOD = "sso"
REFUSAL_TEMPLATE = "socialaccount/authentication_error.html"
INACTIVE_TEMPLATE = "account/account_inactive.html"


class Reason(models.TextChoices):
    """Each reason a sign-in through the provider is refused (recorded as the event's detail)."""

    STATE = "state", _("The sign-in could not be matched to this browser")
    NONCE = "nonce", _("The provider's answer belonged to another sign-in")
    EXPIRED = "expired", _("The proof of identity had expired")
    SIGNATURE = "signature", _("The proof of identity was not signed by the provider")
    ISSUER = "issuer", _("The proof of identity came from another provider")
    AUDIENCE = "audience", _("The proof of identity was meant for another application")
    MALFORMED = "malformed", _("The proof of identity could not be read")
    PROVIDER_CONFIG = "provider_config", _("The provider's settings do not match the portal's")
    PROVIDER_ERROR = "provider_error", _("The provider could not be reached or reported an error")
    PROVIDER_DENIED = "provider_denied", _("The sign-in was cancelled or not allowed by the provider")
    NOT_SIGN_IN = "not_sign_in", _("Only signing in is allowed through the provider")
    EMAIL_MISSING = "email_missing", _("The provider gave no e-mail address")
    EMAIL_UNVERIFIED = "email_unverified", _("The provider has not confirmed the e-mail address")
    INACTIVE = "inactive", _("The account is deactivated")
    ACCOUNT_INCOMPLETE = "account_incomplete", _("The portal account could not be made")


class SignInRefused(OAuth2Error):
    """A check on the provider's answer failed; allauth's callback turns it into the refusal page."""

    def __init__(self, reason: Reason, detail: str = "") -> None:
        super().__init__(f"{reason.value}: {detail}" if detail else reason.value)
        self.reason = reason
        self.detail = detail


_START_AGAIN = _("Go back to the sign-in page and start again.")
_TELL_IT = _("If it happens again, tell the city's IT service desk; the time and this message help them find it.")


@dataclass(frozen=True)
class Explanation:
    """What happened and what to do next, for one reason."""

    what: str | Promise
    next_steps: tuple[str | Promise, ...]


EXPLANATIONS: dict[str, Explanation] = {
    Reason.STATE: Explanation(
        _(
            "The answer from %(provider)s could not be matched to a sign-in started in this browser. This happens "
            "when the sign-in page was left open for more than ten minutes, when the back button sent the same "
            "answer twice, or when the sign-in was started in another browser or window."
        ),
        (_START_AGAIN, _("Make sure this browser accepts the portal's cookies.")),
    ),
    Reason.NONCE: Explanation(
        _(
            "The proof of identity from %(provider)s belonged to a different sign-in than the one this browser "
            "started, so the portal did not trust it."
        ),
        (_START_AGAIN, _TELL_IT),
    ),
    Reason.EXPIRED: Explanation(
        _(
            "The proof of identity from %(provider)s had expired, or was dated in the future, by the time it "
            "reached the portal. The portal's and the provider's clocks may disagree."
        ),
        (_START_AGAIN, _TELL_IT),
    ),
    Reason.SIGNATURE: Explanation(
        _(
            "The proof of identity was not signed with one of %(provider)s's published keys, so the portal could "
            "not be sure it came from %(provider)s."
        ),
        (_START_AGAIN, _TELL_IT),
    ),
    Reason.ISSUER: Explanation(
        _("The proof of identity came from another identity provider than %(provider)s, the one the portal trusts."),
        (_TELL_IT,),
    ),
    Reason.AUDIENCE: Explanation(
        _("The proof of identity from %(provider)s was issued for another application, not this portal."),
        (_TELL_IT,),
    ),
    Reason.MALFORMED: Explanation(
        _("The proof of identity from %(provider)s was incomplete or could not be read."),
        (_START_AGAIN, _TELL_IT),
    ),
    Reason.PROVIDER_CONFIG: Explanation(
        _("The settings %(provider)s publishes do not match the portal's, so the portal stopped the sign-in."),
        (_TELL_IT, _("Administrators: see docs/accounts/sso.md, Troubleshooting.")),
    ),
    Reason.PROVIDER_ERROR: Explanation(
        _("%(provider)s could not be reached, or reported an error instead of confirming who you are."),
        (_("Wait a minute, then go back to the sign-in page and start again."), _TELL_IT),
    ),
    Reason.PROVIDER_DENIED: Explanation(
        _(
            "The sign-in through %(provider)s did not finish: it was cancelled, or %(provider)s did not allow your "
            "account to use the portal."
        ),
        (_START_AGAIN, _("If %(provider)s says you may not use the portal, ask the city's IT service desk.")),
    ),
    Reason.NOT_SIGN_IN: Explanation(
        _("Accounts are linked by e-mail address only: %(provider)s can be used to sign in, not to connect accounts."),
        (_START_AGAIN,),
    ),
    Reason.EMAIL_MISSING: Explanation(
        _("%(provider)s did not give an e-mail address for your account, and the portal needs one."),
        (_("Ask the city's IT service desk to add a work e-mail address to your city account."),),
    ),
    Reason.EMAIL_UNVERIFIED: Explanation(
        _(
            "%(provider)s has not confirmed that the e-mail address on your city account is yours, so the portal "
            "cannot use it to find or make your account."
        ),
        (_("Ask the city's IT service desk to confirm the e-mail address on your city account."),),
    ),
    Reason.INACTIVE: Explanation(
        _("This portal account has been deactivated, so it cannot sign in, with a password or through %(provider)s."),
        (_("Ask the equity team to restore it."),),
    ),
    Reason.ACCOUNT_INCOMPLETE: Explanation(
        _(
            "The portal could not tell which account is yours: the e-mail address %(provider)s sent is on more than "
            "one portal account."
        ),
        (_("Ask the equity team to correct the e-mail addresses; then sign in through %(provider)s again."),),
    ),
}


def provider_name() -> str:
    """The provider's name as people know it (SSO_PROVIDER_NAME)."""
    return settings.SSO_PROVIDER_NAME


def sign_in_refusal_record(*, request: HttpRequest, reason: Reason, username: str = "", detail: str = "") -> None:
    """Record one refused sign-in through the provider (reason first in the event's detail)."""
    security_event_record(
        kind=SecurityEvent.Kind.SIGN_IN_REFUSED,
        request=request,
        username=username,
        method=METHOD,
        detail=f"{reason.value}: {detail}" if detail else reason.value,
    )


def refusal_context(*, reason: Reason) -> dict:
    """The refusal page's words for `reason`, with the provider's name in them."""
    explanation = EXPLANATIONS[reason]
    names = {"provider": provider_name()}
    return {
        "refusal": {
            "reason": reason.value,
            "title": reason.label,
            "what": str(explanation.what) % names,
            "next_steps": [str(step) % names for step in explanation.next_steps],
        }
    }


def sign_in_refused_response(
    *, request: HttpRequest, reason: Reason, username: str = "", detail: str = "", status: int = 403
) -> HttpResponse:
    """Record the refusal and render its page: what happened, what to do next, the way back to sign-in."""
    sign_in_refusal_record(request=request, reason=reason, username=username, detail=detail)
    template = INACTIVE_TEMPLATE if reason == Reason.INACTIVE else REFUSAL_TEMPLATE
    return render(request, template, refusal_context(reason=reason), status=status)
