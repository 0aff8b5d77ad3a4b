"""A staff account from the identity provider's claims: made just in time at a first sign-in, or an existing one
linked by its verified e-mail address (ADR 0055)."""

from __future__ import annotations

import re

from allauth.account.utils import setup_user_email
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialLogin
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from equity.accounts.events import security_event_record
from equity.accounts.oidc.claims import claims_of
from equity.audit import audited_save
from equity.models import SecurityEvent, User

NAME_MAX = User._meta.get_field("full_name").max_length or 150
FIRST_LAST_MAX = User._meta.get_field("first_name").max_length or 150
TITLE_MAX = User._meta.get_field("job_title").max_length or 150
EMPLOYEE_ID_MAX = User._meta.get_field("employee_id").max_length or 40
EMAIL_MAX = User._meta.get_field("email").max_length or 254
USERNAME_MAX = User._meta.get_field("username").max_length or 150
SUFFIX_ROOM = 6  # digits kept free at the end of a username for "2", "3", ... when it is taken
TITLE_CLAIMS = ("job_title", "jobTitle", "title")
EMPLOYEE_ID_CLAIMS = ("employee_id", "employeeid", "employeeNumber")
NOT_IN_USERNAME = re.compile(r"[^\w.@+-]")


def _text(claims: dict, *names: str, limit: int) -> str:
    """The first of `names` that holds text (or a number), with its spaces tidied, cut to `limit` characters."""
    for name in names:
        value = claims.get(name)
        if isinstance(value, str | int) and not isinstance(value, bool):
            text = " ".join(str(value).split())
            if text:
                return text[:limit]
    return ""


def email_from_claims(*, claims: dict) -> str:
    """The e-mail address in the claim the city names (SSO_EMAIL_CLAIM), lower-cased; "" when there is none."""
    value = claims.get(settings.SSO_EMAIL_CLAIM)
    return value.strip().lower() if isinstance(value, str) else ""


def username_from_claims(*, claims: dict) -> str:
    """preferred_username, or the e-mail address's local part, with only the characters a username may have."""
    base = _text(claims, "preferred_username", limit=USERNAME_MAX) or email_from_claims(claims=claims).partition("@")[0]
    return NOT_IN_USERNAME.sub("", base)[: USERNAME_MAX - SUFFIX_ROOM]


def username_unique(*, base: str) -> str:
    """`base`, or `base` with the first free number after it, unused by any account (compared case-insensitively)."""
    base = base or "user"
    names = User.objects.filter(username__istartswith=base).values_list("username", flat=True)
    taken = {name.lower() for name in names}
    number = 1
    candidate = base
    while candidate.lower() in taken:
        number += 1
        candidate = f"{base}{number}"
    return candidate


def account_fields_from_claims(*, user: User, claims: dict) -> User:
    """Full name (else the username), e-mail, job title, employee id and a username for a new account, from the
    claims (not saved)."""
    given = _text(claims, "given_name", limit=FIRST_LAST_MAX)
    family = _text(claims, "family_name", limit=FIRST_LAST_MAX)
    user.full_name = (
        _text(claims, "name", limit=NAME_MAX)
        or " ".join(filter(None, [given, family]))[:NAME_MAX]
        or username_from_claims(claims=claims)  # no name released: the equity team can correct it
    )
    user.first_name = given
    user.last_name = family
    user.email = email_from_claims(claims=claims)[:EMAIL_MAX]
    user.job_title = _text(claims, *TITLE_CLAIMS, limit=TITLE_MAX)
    user.employee_id = _text(claims, *EMPLOYEE_ID_CLAIMS, limit=EMPLOYEE_ID_MAX)
    user.username = username_from_claims(claims=claims)
    return user


def account_for_email(*, email: str) -> list[User]:
    """The accounts (at most two, to tell "several") whose e-mail address is `email`, whatever its case."""
    return list(User.objects.filter(email__iexact=email).order_by("pk")[:2])


def account_link(*, request: HttpRequest, sociallogin: SocialLogin, user: User) -> User:
    """Link the provider's account to an existing staff account with the same verified e-mail, and tell its owner."""
    sociallogin.user = user
    sociallogin.account.user = user
    sociallogin.account.save()
    get_adapter().send_notification_mail(
        "socialaccount/email/account_connected",
        user,
        context={"account": sociallogin.account, "provider": sociallogin.provider},
    )
    return user


@transaction.atomic
def account_create_from_sign_in(*, request: HttpRequest, sociallogin: SocialLogin) -> User:
    """Save the just-in-time account (fields from the claims, a unique username, no password) and record it."""
    user = sociallogin.user
    user.username = username_unique(base=username_from_claims(claims=claims_of(sociallogin)))
    user.set_unusable_password()
    audited_save(user, author=None, reason=_("Created at first sign-in through single sign-on"))
    sociallogin.account.user = user
    sociallogin.account.save()
    setup_user_email(request, user, sociallogin.email_addresses)
    security_event_record(
        kind=SecurityEvent.Kind.ACCOUNT_CREATED,
        request=request,
        user=user,
        method="sso",
        detail=f"{sociallogin.account.provider}: {sociallogin.account.uid}",
    )
    return user
