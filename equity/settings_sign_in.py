"""Sign-in settings, read from the environment: passwords, single sign-on through the city's identity provider
(OpenID Connect), multi-factor authentication, sessions and throttling. Star-imported by equity.settings; the guide
is docs/accounts/, the decisions ADRs 0053-0056.

Sign-in runs on django-allauth (ADR 0053): its login flow, its OpenID Connect client (with the portal's stricter
ID token checks, equity.accounts.oidc), its MFA (TOTP, WebAuthn passkeys, recovery codes) and its session list.
"""

from datetime import timedelta

from django.core.exceptions import ImproperlyConfigured

from equity.environment import env, env_int

AUTH_USER_MODEL = "equity.User"
# Axes refuses a locked-out username+address before a backend checks the password; allauth's backend is Django's
# ModelBackend with allauth's login methods.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# NIST SP 800-63B-4 for passwords used alone: at least 15 characters, a blocklist, no composition rules,
# no forced rotation. Django sets no upper limit below 64.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 15}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "equity.passwords.BlocklistPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"

# Sessions: an idle timeout (renewed by activity, at most once a minute: equity.middleware.SessionMiddleware) and
# an absolute lifetime from login. With a second factor these meet NIST SP 800-63B-4 AAL2 (reauthentication within
# 24 hours, an hour of inactivity at most).
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", default=60)
SESSION_ABSOLUTE_HOURS = env_int("SESSION_ABSOLUTE_HOURS", default=12)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = False  # a save (an UPDATE) per page cost 1-2 ms of CPU: renewed as below (ADR 0066)
SESSION_RENEW_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Failed-login throttling: lock the username *from that address*, so an attacker elsewhere cannot lock out staff.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "equity.addresses.client_address"  # the one client-address decision (DJANGO_BEHIND_PROXY)

# allauth's accounts: staff sign in with their username; nobody signs themselves up (the equity team invites people,
# or the identity provider's first sign-in creates the account); e-mail addresses are the city's, not verified here.
ACCOUNT_ADAPTER = "equity.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
# Sign-up is closed (the adapters); naming a password here is what gives allauth's login form its password field.
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300  # seconds: adding or removing a factor asks for the password again after this
# Axes throttles failed passwords (above); allauth's own limit on them would lock people out a second way.
ACCOUNT_RATE_LIMITS = {"login_failed": False}
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
ACCOUNT_EMAIL_NOTIFICATIONS = True

# Single sign-on (OpenID Connect): on when SSO_ISSUER_URL is set. Everything is read from the environment, never the
# database, so the provider's secret lives where the city keeps its other secrets (docs/accounts/sso.md).
SSO_ISSUER_URL = env.str("SSO_ISSUER_URL", default="")
SSO_CLIENT_ID = env.str("SSO_CLIENT_ID", default="")
SSO_CLIENT_SECRET = env.str("SSO_CLIENT_SECRET", default="")
SSO_PROVIDER_NAME = env.str("SSO_PROVIDER_NAME", default="your city account")
SSO_SCOPES = env.list("SSO_SCOPES", default=["openid", "profile", "email"])
SSO_EMAIL_CLAIM = env.str("SSO_EMAIL_CLAIM", default="email")
# Addresses in these domains count as verified without `email_verified` (Entra ID sends none: its upn and
# preferred_username are in the tenant's verified domains). Otherwise only `email` with email_verified=true is.
SSO_VERIFIED_EMAIL_DOMAINS = env.list("SSO_VERIFIED_EMAIL_DOMAINS", default=[])
SSO_GROUPS_CLAIM = env.str("SSO_GROUPS_CLAIM", default="groups")
SSO_TOKEN_AUTH_METHOD = env.str("SSO_TOKEN_AUTH_METHOD", default="")  # client_secret_post or _basic; else discovered
# With SSO_REQUIRED, local passwords work only for the named break-glass accounts (usernames).
SSO_REQUIRED = env.bool("SSO_REQUIRED", default=False)
SSO_BREAK_GLASS_USERS = env.list("SSO_BREAK_GLASS_USERS", default=[])
if SSO_ISSUER_URL and not (SSO_CLIENT_ID and SSO_CLIENT_SECRET):
    raise ImproperlyConfigured("SSO_ISSUER_URL is set: set SSO_CLIENT_ID and SSO_CLIENT_SECRET too.")
if SSO_REQUIRED and not SSO_ISSUER_URL:
    raise ImproperlyConfigured(
        "SSO_REQUIRED needs a provider: set SSO_ISSUER_URL, SSO_CLIENT_ID and SSO_CLIENT_SECRET."
    )

SOCIALACCOUNT_ADAPTER = "equity.accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
# An existing account is linked by the provider's verified e-mail in the portal's adapter (case-insensitively,
# keeping the account's password for break-glass use); allauth's own e-mail matching is off (ADR 0055).
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_REQUIRED = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_PROVIDERS: dict = {
    "openid_connect": {
        "provider_class": "equity.accounts.oidc.provider.CityProvider",
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": "city",
                "name": SSO_PROVIDER_NAME,
                "client_id": SSO_CLIENT_ID,
                "secret": SSO_CLIENT_SECRET,
                "settings": {
                    "server_url": SSO_ISSUER_URL,
                    "scope": SSO_SCOPES,
                    "verified_email": [domain.lower() for domain in SSO_VERIFIED_EMAIL_DOMAINS],
                    **({"token_auth_method": SSO_TOKEN_AUTH_METHOD} if SSO_TOKEN_AUTH_METHOD else {}),
                },
            }
        ]
        if SSO_ISSUER_URL
        else [],
    }
}

# Multi-factor authentication for local accounts: authenticator apps (TOTP), passkeys (WebAuthn) and one-time
# recovery codes. Required before any page for the roles named in MFA_REQUIRED_ROLES ("admin" means superusers);
# offered to everyone else.
# AAL2 of NIST SP 800-63B-4 for those roles: a password plus a TOTP app or a WebAuthn passkey (verifier-checked
# possession), the idle and absolute session limits above, and a fresh confirmation before any factor changes.
# A session signed in through the city's identity provider is exempt (the provider asks for its own second factor).
MFA_REQUIRED_ROLES = env.list("MFA_REQUIRED_ROLES", default=["equity_team", "admin"])
MFA_ADAPTER = "equity.accounts.mfa_adapter.MFAAdapter"
MFA_FORMS = {
    "add_webauthn": "equity.accounts.mfa_forms.AddWebAuthnForm",
    "authenticate_webauthn": "equity.accounts.mfa_forms.AuthenticateWebAuthnForm",
    "reauthenticate_webauthn": "equity.accounts.mfa_forms.ReauthenticateWebAuthnForm",
}
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="Equity Portal")
MFA_RECOVERY_CODE_COUNT = 10
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TRUST_ENABLED = False
# Browsers offer WebAuthn only on https (and http://localhost); set this only for a development server on http.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env.bool("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", default=False)

# Active sessions (allauth.usersessions): listed on /account/security/; the portal records "last seen" itself, at
# most every few minutes, so a page costs no extra query (equity.accounts.sessions).
USERSESSIONS_TRACK_ACTIVITY = False
