"""How allauth behaves in the portal: nobody signs themselves up with a password; the identity provider's first
sign-in creates a staff account (just in time) from its claims, and every sign-in brings the person's departments
and roles in step with their groups."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.utils.translation import gettext_lazy as _

from equity.accounts.oidc.claims import claims_of
from equity.accounts.sso.access import access_from_groups
from equity.accounts.sso.accounts import account_fields_from_claims
from equity.addresses import client_address


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": _("The username or password is not correct. Both are case-sensitive."),
    }

    def get_client_ip(self, request) -> str | None:
        """The one client-address decision (equity.addresses), for allauth's session list and rate limits."""
        return client_address(request)

    def is_open_for_signup(self, request) -> bool:
        """Accounts are invited by the equity team (or made by single sign-on), never signed up for."""
        return False


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        """A first sign-in through the city's identity provider creates the staff account from its claims."""
        return True

    def populate_user(self, request, sociallogin, data):
        """A new account's names, e-mail, job title and employee id, from the provider's claims."""
        user = super().populate_user(request, sociallogin, data)
        return account_fields_from_claims(user=user, claims=claims_of(sociallogin))

    def save_user(self, request, sociallogin, form=None):
        """Save the new account, then give it the departments and roles its groups map to."""
        user = super().save_user(request, sociallogin, form)
        access_from_groups(user=user, claims=claims_of(sociallogin), request=request)
        return user

    def pre_social_login(self, request, sociallogin):
        """An existing account signing in: its departments and roles follow its groups."""
        if sociallogin.is_existing:
            access_from_groups(user=sociallogin.user, claims=claims_of(sociallogin), request=request)
