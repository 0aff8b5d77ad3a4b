"""Access cases: single sign-on (issue 17): allauth's socialaccount pages as the portal keeps them, and the provider's
sign-in and callback addresses. The suite configures no provider, so those answer 404 for everyone (their behaviour
with a provider is in tests/accounts/test_sso_provider.py and test_sso_pages.py)."""

from tests.access import LOGIN, PERSONAS, AccessCase, everyone

EVERYONE_200 = {persona: 200 for persona in PERSONAS}
NO_PROVIDER = {persona: 404 for persona in PERSONAS}


def _city(personas) -> dict:
    return {"provider_id": "city"}


CASES: list[AccessCase] = [
    AccessCase("socialaccount_login_cancelled", EVERYONE_200),
    AccessCase("socialaccount_login_error", {persona: 401 for persona in PERSONAS}),
    # Never a form: with no sign-in waiting for one, everybody is sent to the sign-in page.
    AccessCase("socialaccount_signup", {persona: LOGIN for persona in PERSONAS}),
    AccessCase("socialaccount_signup", {persona: LOGIN for persona in PERSONAS}, method="post"),
    AccessCase("socialaccount_connections", everyone(302)),
    AccessCase("socialaccount_connections", everyone(302), method="post"),
    AccessCase("openid_connect_login", NO_PROVIDER, setup=_city),
    AccessCase("openid_connect_login", NO_PROVIDER, setup=_city, method="post"),
    AccessCase("openid_connect_callback", NO_PROVIDER, setup=_city),
]
