"""A staff account's fields from the identity provider's claims. (Issue 17: filled in by the SSO work.)"""

from equity.models import User


def account_fields_from_claims(*, user: User, claims: dict) -> User:
    """Full name, e-mail, job title and employee id of a new account, from the claims (not yet saved)."""
    return user
