"""allauth's passkey forms, refusing a malformed credential with a form error: allauth's own parsing lets some
through to a server error (a missing "rawId" is a KeyError). Named in settings.MFA_FORMS."""

from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.webauthn import forms as allauth_forms

MALFORMED = (KeyError, TypeError, ValueError, AttributeError)


class AddWebAuthnForm(allauth_forms.AddWebAuthnForm):
    def clean(self) -> dict:
        """allauth's checks, with a malformed credential refused as a wrong one."""
        try:
            return super().clean()
        except MALFORMED:
            raise get_adapter().validation_error("incorrect_code")


class AuthenticateWebAuthnForm(allauth_forms.AuthenticateWebAuthnForm):
    def clean_credential(self) -> Authenticator:
        """allauth's check, with a malformed credential refused as a wrong one."""
        try:
            return super().clean_credential()
        except MALFORMED:
            raise get_adapter().validation_error("incorrect_code")


class ReauthenticateWebAuthnForm(allauth_forms.ReauthenticateWebAuthnForm):
    def clean_credential(self) -> Authenticator:
        """allauth's check, with a malformed credential refused as a wrong one."""
        try:
            return super().clean_credential()
        except MALFORMED:
            raise get_adapter().validation_error("incorrect_code")
