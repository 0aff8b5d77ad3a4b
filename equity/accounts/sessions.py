"""The person's active sessions. (Issue 17: filled in by the sessions work.)"""

from django.http import HttpRequest

from equity.models import User


def sessions_for_user(*, user: User, request: HttpRequest) -> list:
    """Active sessions of `user`, this one first."""
    return []
