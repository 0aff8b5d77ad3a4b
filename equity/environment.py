"""Reading the environment for the settings: whole numbers with a clear error, which kind of process is starting
(its database time limits differ, ADR 0044) and the attachments storage. Imports nothing of Django's settings."""

from pathlib import Path
from urllib.parse import urlparse

import environ
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()


def env_int(name: str, *, default: int) -> int:
    """A whole-number setting from the environment; anything else stops start-up with one clear line."""
    try:
        return env.int(name, default=default)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {env.str(name)!r}.") from None


def attachments_storage() -> dict:
    """The "attachments" storage: private local files under MEDIA_ROOT (or ATTACHMENTS_ROOT) by default; any
    S3-compatible store through django-storages when ATTACHMENTS_S3_BUCKET is set (see docs/operations.md)."""
    bucket = env.str("ATTACHMENTS_S3_BUCKET", default="")
    if not bucket:
        root = env.str("ATTACHMENTS_ROOT", default="")
        # Without a location FileSystemStorage uses MEDIA_ROOT, read when a file is saved (tests move it).
        return {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": root} if root else {}}
    key_id = env.str("ATTACHMENTS_S3_ACCESS_KEY_ID", default="")
    secret = env.str("ATTACHMENTS_S3_SECRET_ACCESS_KEY", default="")
    if bool(key_id) != bool(secret):
        raise ImproperlyConfigured(
            "Set both ATTACHMENTS_S3_ACCESS_KEY_ID and ATTACHMENTS_S3_SECRET_ACCESS_KEY, or neither (instance role)."
        )
    options = {
        "bucket_name": bucket,
        "endpoint_url": env.str("ATTACHMENTS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("ATTACHMENTS_S3_REGION", default="") or None,
        "access_key": key_id or None,
        "secret_key": secret or None,
        "addressing_style": env.str("ATTACHMENTS_S3_ADDRESSING_STYLE", default="") or None,
        "location": env.str("ATTACHMENTS_S3_PREFIX", default=""),
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def process_role(argv: list[str]) -> str:
    """What kind of process reads the settings, from its command line: "worker" for a celery process, "command"
    for a manage.py command other than the servers, else "web"."""
    program = Path(argv[0]).name if argv else ""
    if program == "celery" or (program == "__main__.py" and "celery" in argv[0]):
        return "worker"
    if program in ("manage.py", "django-admin") or argv[0].endswith("django/__main__.py"):
        command = next((arg for arg in argv[1:] if not arg.startswith("-")), "")
        return "web" if command in ("runserver", "testserver", "") else "command"
    return "web"


def is_development_server(argv: list[str], *, debug: bool) -> bool:
    """True under `manage.py runserver` (however started) or in debug."""
    return debug or "runserver" in argv[1:]


def cache_url(redis_url: str) -> str:
    """The cache's Redis URL from Celery's: the database after it (number + 1, modulo 16), so emptying the cache never
    touches the task queues (ADR 0052); empty without Redis."""
    if not redis_url:
        return ""
    parsed = urlparse(redis_url)
    number = parsed.path.strip("/")
    return parsed._replace(path=f"/{(int(number) + 1) % 16 if number.isdigit() else 1}").geturl()
