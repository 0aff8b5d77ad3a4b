"""The person's second factors, as the security page shows them. (Issue 17: filled in by the MFA work.)"""

from equity.models import User


def factors_for_user(*, user: User) -> dict:
    """Authenticator app, passkeys and recovery codes of `user`."""
    return {}
