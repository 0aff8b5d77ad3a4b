"""How allauth's MFA behaves in the portal: clearer words for a wrong code (settings.MFA_ADAPTER)."""

from allauth.mfa.adapter import DefaultMFAAdapter
from django.utils.translation import gettext_lazy as _


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _(
            "That code or passkey was not accepted. Enter the code your authenticator app shows now (it changes "
            "every 30 seconds), or an unused recovery code; or try the passkey again."
        ),
        "cannot_generate_recovery_codes": _(
            "Add an authenticator app or a passkey first: recovery codes come with one of them."
        ),
    }
