"""The person's city (single sign-on) account, as the security page shows it. (Issue 17: filled in by the SSO work.)"""

from equity.models import User


def identity_for_user(*, user: User) -> dict:
    """The linked identity provider account, if any."""
    return {}
