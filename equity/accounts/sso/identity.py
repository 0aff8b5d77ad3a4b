"""The person's city (single sign-on) account, as the security page shows it, and their access by source."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from allauth.socialaccount.models import SocialAccount
from django.conf import settings

from equity.accounts.sso.sources import access_by_source_for_user
from equity.models import User


@dataclass(frozen=True)
class LinkedAccount:
    """One identity provider account that signs this person in."""

    provider: str
    email: str
    first_sign_in: datetime
    last_sign_in: datetime | None


def _email(*, account: SocialAccount, user: User) -> str:
    extra = account.extra_data or {}
    claims = {**(extra.get("id_token") or {}), **(extra.get("userinfo") or {})}
    value = claims.get(getattr(settings, "SSO_EMAIL_CLAIM", "email"))
    return value if isinstance(value, str) and value else user.email


def identity_for_user(*, user: User) -> dict:
    """The linked identity provider accounts (one query) and the person's access by source (two queries)."""
    provider = str(getattr(settings, "SSO_PROVIDER_NAME", "") or "")
    accounts = [
        LinkedAccount(
            provider=provider or account.provider,
            email=_email(account=account, user=user),
            first_sign_in=account.date_joined,
            last_sign_in=account.last_login,
        )
        for account in SocialAccount.objects.filter(user=user).order_by("date_joined")
    ]
    return {"accounts": accounts, "access": access_by_source_for_user(person=user)}
