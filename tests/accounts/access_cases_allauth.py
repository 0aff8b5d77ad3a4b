"""Access cases: allauth's account and session pages under /accounts/ (issue 17, ADR 0057): kept, sent on to the
portal's own page, or not offered (404)."""

from tests.access import PERSONAS, AccessCase, everyone

ALL = {persona: 302 for persona in PERSONAS}  # a redirect for everyone, signed in or not
NOT_OFFERED = {persona: 404 for persona in PERSONAS}
LOGIN_PAGE = everyone(302, anonymous=200)


def _key(p):
    return {"key": "MQ:set-email"}


def _reset_key(p):
    return {"uidb36": "1", "key": "set-password"}


CASES = [
    AccessCase("account_login", LOGIN_PAGE),
    AccessCase("account_logout", everyone(200, anonymous=302)),
    AccessCase("account_logout", everyone(302, anonymous=302), method="post"),
    AccessCase("account_inactive", {persona: 200 for persona in PERSONAS}),
    AccessCase("account_signup", everyone(302, anonymous=200)),
    AccessCase("account_reauthenticate", everyone(200)),
    AccessCase("account_request_reauthentication_code", NOT_OFFERED),
    AccessCase("account_confirm_reauthentication_code", NOT_OFFERED),
    AccessCase("account_confirm_login_code", NOT_OFFERED),
    AccessCase("account_email", ALL),
    AccessCase("account_email_verification_sent", NOT_OFFERED),
    AccessCase("account_confirm_email", NOT_OFFERED, setup=_key),
    AccessCase("account_change_password", ALL),
    AccessCase("account_set_password", ALL),
    AccessCase("account_reset_password", ALL),
    AccessCase("account_reset_password_done", ALL),
    AccessCase("account_reset_password_from_key", ALL, setup=_reset_key),
    AccessCase("account_reset_password_from_key_done", ALL),
    AccessCase("usersessions_list", ALL),
]
