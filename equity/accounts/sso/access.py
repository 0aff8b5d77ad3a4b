"""Departments and roles from the identity provider's groups (ADR 0054). (Issue 17: filled in by the groups work.)"""

from django.http import HttpRequest

from equity.models import User


def access_from_groups(*, user: User, claims: dict, request: HttpRequest | None) -> None:
    """Bring `user`'s group-given departments and roles in step with the groups claim; hand-given ones stay."""
