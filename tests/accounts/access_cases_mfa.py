"""Access cases: second factors (issue 17, ADR 0056): allauth's MFA pages and the equity team's factor reset.

The personas are signed in with force_login, so no password was given in the session: every change of a factor
first sends them to confirm it is them (302 to the reauthentication page); pages about a factor the person does not
have answer 404; the sign-in's second-factor step, outside a sign-in, goes back to the sign-in page.
"""

import pyotp
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

from tests.access import AccessCase, everyone


def _staff_totp(p) -> dict:
    TOTP.activate(p.staff, pyotp.random_base32())
    RecoveryCodes.activate(p.staff)
    return {}


def _staff_passkey(p) -> dict:
    authenticator = Authenticator.objects.create(
        user=p.staff, type=Authenticator.Type.WEBAUTHN, data={"name": "Laptop", "credential": {}}
    )
    return {"pk": authenticator.pk}


def _staff_user(p) -> dict:
    return {"pk": p.staff.pk}


def _unknown_user(p) -> dict:
    return {"pk": 999999}


# Pages that ask for a fresh confirmation send anonymous visitors to allauth's sign-in address (/accounts/login/).
CONFIRM_FIRST = everyone(302, anonymous=302)
STAFF_ONLY_HAS_IT = everyone(404, staff=302)  # the staff persona is asked to confirm; the others have no such factor
CASES = [
    AccessCase("account_security", everyone(200), label="factors"),  # the page the factors are shown on
    AccessCase("mfa_index", everyone(302)),
    AccessCase("mfa_authenticate", everyone(302, anonymous=302)),
    AccessCase("mfa_reauthenticate", everyone(302)),
    AccessCase("mfa_reauthenticate_webauthn", everyone(302)),
    AccessCase("mfa_activate_totp", CONFIRM_FIRST),
    AccessCase("mfa_deactivate_totp", everyone(404)),
    AccessCase("mfa_deactivate_totp", STAFF_ONLY_HAS_IT, setup=_staff_totp, label="has-app"),
    AccessCase("mfa_view_recovery_codes", everyone(404)),
    AccessCase("mfa_view_recovery_codes", STAFF_ONLY_HAS_IT, setup=_staff_totp, label="has-codes"),
    AccessCase("mfa_download_recovery_codes", everyone(404)),
    AccessCase("mfa_download_recovery_codes", STAFF_ONLY_HAS_IT, setup=_staff_totp, label="has-codes"),
    AccessCase("mfa_generate_recovery_codes", CONFIRM_FIRST),
    AccessCase("mfa_list_webauthn", everyone(200)),
    AccessCase("mfa_add_webauthn", CONFIRM_FIRST),
    AccessCase("mfa_edit_webauthn", CONFIRM_FIRST, setup=_staff_passkey),
    AccessCase("mfa_remove_webauthn", CONFIRM_FIRST, setup=_staff_passkey),
    AccessCase("mfa_remove_webauthn", CONFIRM_FIRST, setup=_staff_passkey, method="post", label="remove"),
    # The equity team resets a person's factors: the others are refused, an unknown person is not found.
    AccessCase("user_factors_reset", everyone(403, equity=200), setup=_staff_user),
    AccessCase("user_factors_reset", everyone(403, equity=404), setup=_unknown_user, label="unknown"),
    AccessCase("user_factors_reset", everyone(403, equity=302), setup=_staff_user, method="post", label="reset"),
    AccessCase(
        "user_factors_reset", everyone(403, equity=404), setup=_unknown_user, method="post", label="unknown-reset"
    ),
]
