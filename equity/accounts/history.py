"""The person's recent sign-ins. (Issue 17: filled in by the sessions work.)"""

from equity.models import User


def recent_sign_ins_for_user(*, user: User) -> list:
    """Recent sign-ins and failures of `user`, newest first."""
    return []
