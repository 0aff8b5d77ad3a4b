"""Settings for Equity Portal, read from the environment (django-environ).

Environments differ by environment values, never by code branches. With no DATABASE_URL the portal runs
on a SQLite file in the project folder; with no REDIS_URL, Celery tasks run in-process.
"""

import sys
import warnings
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from equity.environment import attachments_storage, cache_url, env, env_int, is_development_server, process_role

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value, or set DJANGO_DEBUG=true for development."
        )
    SECRET_KEY = "development-only-key-not-for-production"  # noqa: S105 - used only with DEBUG on

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

CITY_NAME = env.str("EQUITY_CITY_NAME", default="City of St. Louis Park")
# The public site (docs/public/): the suppression threshold; how long the server keeps a public page (until the next
# publish) and browsers may (0: they ask each time); the open data licence and catalog contact; the branding (a
# same-origin logo URL; a #rrggbb accent with 4.5:1 contrast on white, else the default); anonymous requests per
# address as "requests/seconds" ("0": no limit; staff are never limited).
EQUITY_PUBLIC_SUPPRESS_BELOW = env.int("EQUITY_PUBLIC_SUPPRESS_BELOW", default=10)
EQUITY_PUBLIC_CACHE_SECONDS = env.int("EQUITY_PUBLIC_CACHE_SECONDS", default=24 * 3600)
EQUITY_PUBLIC_MAX_AGE = env.int("EQUITY_PUBLIC_MAX_AGE", default=0)
EQUITY_PUBLIC_LICENCE_URL = env.str("EQUITY_PUBLIC_LICENCE_URL", default="https://creativecommons.org/licenses/by/4.0/")
EQUITY_PUBLIC_LICENCE_NAME = env.str("EQUITY_PUBLIC_LICENCE_NAME", default="CC BY 4.0")
EQUITY_PUBLIC_CONTACT_NAME = env.str("EQUITY_PUBLIC_CONTACT_NAME", default=f"{CITY_NAME} racial equity team")
EQUITY_PUBLIC_CONTACT_EMAIL = env.str("EQUITY_PUBLIC_CONTACT_EMAIL", default="racial-equity@example.org")
EQUITY_CITY_LOGO_URL = env.str("EQUITY_CITY_LOGO_URL", default="")
EQUITY_PUBLIC_ACCENT = env.str("EQUITY_PUBLIC_ACCENT", default="#1d3d6e")
EQUITY_PUBLIC_RATE_LIMIT = env.str("EQUITY_PUBLIC_RATE_LIMIT", default="300/60")
# Workforce equity attributes (race/ethnicity self-identified, job class, hire date): off unless the city turns them
# on (ADR 0041). The groups a person may self-identify with, as "code=Label" pairs; the default follows the federal
# minimum categories (SPD 15, 2024). "Prefer not to say" and "not recorded" are always offered besides.
WORKFORCE_ATTRIBUTES = env.bool("EQUITY_WORKFORCE_ATTRIBUTES", default=False)
WORKFORCE_GROUPS = env.list(
    "EQUITY_WORKFORCE_GROUPS",
    default=[
        "aian=American Indian or Alaska Native",
        "asian=Asian",
        "black=Black or African American",
        "hispanic=Hispanic or Latino",
        "mena=Middle Eastern or North African",
        "nhpi=Native Hawaiian or Pacific Islander",
        "white=White",
        "multiracial=Multiracial",
    ],
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "allauth.usersessions",
    "equity",
    "reports",
    "plans",
    "tools",
    "training",
    "library",
    "public",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "public.front_cache.PublicFrontCacheMiddleware",  # anonymous public pages from the cache, before the rest
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "equity.middleware.SessionMiddleware",  # Django's, leaving the session alone on the 503 page (ADR 0044)
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "equity.middleware.DatabaseUnavailableMiddleware",  # before anything reads the user: see ADR 0044
    "equity.i18n.middleware.UserLanguageMiddleware",  # a signed-in person's saved language over the browser's
    "public.middleware.PublicSiteMiddleware",  # public responses: no cookie; a rate limit per address (ADR 0052)
    "equity.middleware.SessionLifetimeMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "equity.accounts.middleware.LastSeenMiddleware",  # a session's "last seen", written at most every 5 minutes
    "django.contrib.messages.middleware.MessageMiddleware",
    "equity.accounts.middleware.MFARequiredMiddleware",  # roles that require a second factor add one first (ADR 0056)
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "equity.urls"
WSGI_APPLICATION = "equity.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "equity.context_processors.portal",
            ],
        },
    },
]

# Database: PostgreSQL in production and CI; a SQLite file in the project folder as the embedded default.
_DEFAULT_DATABASE_URL = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # django-environ warns, then returns no engine: reported below instead
        DATABASES = {"default": env.db("DATABASE_URL", default=_DEFAULT_DATABASE_URL)}
except (ImproperlyConfigured, KeyError, ValueError) as exc:
    raise ImproperlyConfigured(
        f"DATABASE_URL is not a usable database URL ({exc}). "
        "Use postgres://USER@HOST:PORT/NAME, or leave it unset for the embedded SQLite default."
    ) from exc
if DATABASES["default"].get("ENGINE") not in ("django.db.backends.postgresql", "django.db.backends.sqlite3"):
    raise ImproperlyConfigured(
        "DATABASE_URL must name a PostgreSQL or SQLite database, "
        "for example postgres://USER@HOST:PORT/NAME, or be unset for the embedded SQLite default."
    )
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# Which process this is decides the database time limits (ADR 0044): "web" (gunicorn, runserver, tests),
# "worker" (any celery process: report builds may run longer) or "command" (manage.py migrate, seeders, imports:
# no statement limit by default, so a long migration is never cancelled halfway).
PROCESS_ROLE = process_role(sys.argv)
# Seconds (0: no limit), read from DATABASE_*, DATABASE_WORKER_* or DATABASE_COMMAND_* by role.
_PREFIX, _STATEMENT_DEFAULT, _LOCK_DEFAULT = {
    "web": ("DATABASE", 15, 5),
    "worker": ("DATABASE_WORKER", 120, 30),
    "command": ("DATABASE_COMMAND", 0, 0),
}[PROCESS_ROLE]
DATABASE_STATEMENT_TIMEOUT = env_int(f"{_PREFIX}_STATEMENT_TIMEOUT", default=_STATEMENT_DEFAULT)
DATABASE_LOCK_TIMEOUT = env_int(f"{_PREFIX}_LOCK_TIMEOUT", default=_LOCK_DEFAULT)
if DATABASE_STATEMENT_TIMEOUT < 0 or DATABASE_LOCK_TIMEOUT < 0:
    raise ImproperlyConfigured("Database timeouts are seconds: 0 (no limit) or more.")
# The development server serves each request in a thread of its own: a persistent connection would outlive it
# (issue 15, finding 12), so under runserver or DEBUG a connection ends with its request.
DEVELOPMENT_SERVER = is_development_server(sys.argv, debug=DEBUG)
if IS_POSTGRES:
    DATABASES["default"]["CONN_MAX_AGE"] = (
        0 if DEVELOPMENT_SERVER else env_int("DATABASE_CONN_MAX_AGE", default=0 if DEBUG else 60)
    )
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    _db_options = DATABASES["default"].setdefault("OPTIONS", {})
    _db_options.setdefault("connect_timeout", 5)
    # Set at connection start-up (no extra round trip): a statement or a lock wait over the limit is cancelled and
    # the request gets the "try again" page (503) instead of hanging until gunicorn kills the worker.
    _db_options["options"] = " ".join(
        [
            _db_options.get("options", ""),
            f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT * 1000}",
            f"-c lock_timeout={DATABASE_LOCK_TIMEOUT * 1000}",
        ]
    ).strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sign-in: passwords, single sign-on, multi-factor authentication, sessions and throttling (docs/accounts/).
from equity.settings_sign_in import *  # noqa: E402,F403

# Lists: rows a page (at most 50). 25 keeps what a page renders small whatever the city's size.
LIST_PAGE_SIZE = env_int("LIST_PAGE_SIZE", default=25)
if not 1 <= LIST_PAGE_SIZE <= 50:
    raise ImproperlyConfigured("LIST_PAGE_SIZE must be a whole number from 1 to 50.")

# Languages (docs/translation/README.md): English and the languages Minnesota speaks most after it. A language is
# added by its catalog under locale/, its entry here and, when Django does not know it, equity/i18n/languages.py.
LANGUAGE_CODE = "en-us"
LANGUAGES = [("en", _("English")), ("es", _("Spanish")), ("so", _("Somali")), ("hmn", _("Hmong"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["equity.formats"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = env.str("TIME_ZONE", default="America/Chicago")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
    "attachments": attachments_storage(),
}
# Uploaded and generated files are private: served only through permission-checked views, never MEDIA_URL.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Celery: Redis when REDIS_URL is set, otherwise tasks run eagerly in-process (the embedded default).
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE


# The cache (public pages, charts, per-address counters, city-wide reads; ADR 0052, 0074): Redis when EQUITY_CACHE_URL
# or REDIS_URL is set, by default on the database after Celery's (REDIS_URL's number + 1), so emptying the cache never
# touches the task queues; short socket time limits, and every use goes through equity.cache, so a Redis that is
# down costs speed, never a page. Otherwise each process's local memory (the embedded default: one runserver process).
EQUITY_CACHE_URL = env.str("EQUITY_CACHE_URL", default="") or cache_url(REDIS_URL)
CACHE_SOCKET_TIMEOUT = float(env.str("EQUITY_CACHE_SOCKET_TIMEOUT", default="0.5"))  # seconds, per Redis call
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": EQUITY_CACHE_URL,
        "KEY_PREFIX": "equity",
        "OPTIONS": {"socket_connect_timeout": CACHE_SOCKET_TIMEOUT, "socket_timeout": CACHE_SOCKET_TIMEOUT},
    }
    if EQUITY_CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "equity"}
}

# Email: console in development, SMTP when EMAIL_URL is set.
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="equity-portal@localhost")

# Security headers. HSTS and secure cookies follow DJANGO_SECURE (on by default outside DEBUG).
SECURE = env.bool("DJANGO_SECURE", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
LANGUAGE_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=SECURE)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", default=31536000 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
BEHIND_PROXY = env.bool("DJANGO_BEHIND_PROXY", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Covering indexes (`Index(include=...)`, e.g. plans_action_plan_rollup_idx) are a PostgreSQL optimisation: SQLite
# builds the same index without the extra columns and Django warns (models.W040) on every command. The embedded
# default loses only the index-only scan, so the warning is silenced there and nowhere else.
SILENCED_SYSTEM_CHECKS: list[str] = [] if IS_POSTGRES else ["models.W040"]

# Content-Security-Policy: no inline or eval'd script anywhere; inline styles are allowed for SVG charts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Refused requests (4xx) are logged as one line without a traceback; 5xx keep theirs (equity.request_logging).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals": {"()": "equity.request_logging.RefusalFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["refusals"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"filters": ["refusals"]},
        "django.security": {"filters": ["refusals"]},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Background jobs: report workers' reliability, the periodic tasks (beat) and their queue, notifications, and the
# domain apps' job settings (docs/operations.md).
from equity.settings_jobs import *  # noqa: E402,F403
