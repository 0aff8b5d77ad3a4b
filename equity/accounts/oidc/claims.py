"""The claims of one sign-in: the ID token's, with the userinfo endpoint's on top (Entra ID puts groups only in the
ID token; others only in userinfo)."""

from allauth.socialaccount.models import SocialLogin


def merged_claims(data: dict) -> dict:
    """Every claim in allauth's {"id_token": ..., "userinfo": ...} data, userinfo's winning."""
    return {**(data.get("id_token") or {}), **(data.get("userinfo") or {})}


def claims_of(sociallogin: SocialLogin) -> dict:
    """Every claim the provider gave for this sign-in."""
    return merged_claims(sociallogin.account.extra_data or {})
