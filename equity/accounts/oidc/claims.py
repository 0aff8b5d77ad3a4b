"""The claims of one sign-in: the ID token's, with the userinfo endpoint's on top (Entra ID puts groups only in the
ID token; others only in userinfo)."""

from allauth.socialaccount.models import SocialLogin


def claims_of(sociallogin: SocialLogin) -> dict:
    """Every claim the provider gave for this sign-in."""
    extra = sociallogin.account.extra_data or {}
    return {**(extra.get("id_token") or {}), **(extra.get("userinfo") or {})}
