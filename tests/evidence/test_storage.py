"""Where attachments are stored: private local files by default, any S3-compatible store through django-storages
when ATTACHMENTS_S3_BUCKET is set. No network is needed: only the configuration and the backend it builds."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from equity.environment import attachments_storage

ROOT = Path(__file__).resolve().parents[2]
S3_ENV = {
    "ATTACHMENTS_S3_BUCKET": "equity-evidence",
    "ATTACHMENTS_S3_ENDPOINT_URL": "https://s3.example.org",
    "ATTACHMENTS_S3_ACCESS_KEY_ID": "key-id",
    "ATTACHMENTS_S3_SECRET_ACCESS_KEY": "secret",
    "ATTACHMENTS_S3_REGION": "us-east-2",
    "ATTACHMENTS_S3_PREFIX": "portal",
    "ATTACHMENTS_S3_ADDRESSING_STYLE": "path",
}


@pytest.fixture
def clean_env(monkeypatch):
    for name in [*S3_ENV, "ATTACHMENTS_ROOT"]:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_the_default_is_local_files_under_media_root(clean_env):
    assert attachments_storage() == {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {}}


def test_attachments_root_moves_the_local_files(clean_env):
    clean_env.setenv("ATTACHMENTS_ROOT", "/srv/equity/private")
    assert attachments_storage()["OPTIONS"] == {"location": "/srv/equity/private"}


def test_a_bucket_selects_s3_with_private_signed_non_overwriting_options(clean_env):
    for name, value in S3_ENV.items():
        clean_env.setenv(name, value)
    config = attachments_storage()
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    assert config["OPTIONS"] == {
        "bucket_name": "equity-evidence",
        "endpoint_url": "https://s3.example.org",
        "region_name": "us-east-2",
        "access_key": "key-id",
        "secret_key": "secret",
        "addressing_style": "path",
        "location": "portal",
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }


def test_a_bucket_alone_uses_the_machines_credentials(clean_env):
    clean_env.setenv("ATTACHMENTS_S3_BUCKET", "equity-evidence")
    options = attachments_storage()["OPTIONS"]
    assert options["access_key"] is None and options["secret_key"] is None and options["endpoint_url"] is None


def test_half_a_key_pair_is_a_clear_configuration_error(clean_env):
    clean_env.setenv("ATTACHMENTS_S3_BUCKET", "equity-evidence")
    clean_env.setenv("ATTACHMENTS_S3_ACCESS_KEY_ID", "key-id")
    with pytest.raises(ImproperlyConfigured, match="ATTACHMENTS_S3_SECRET_ACCESS_KEY"):
        attachments_storage()


def test_the_project_builds_the_s3_backend_from_the_environment():
    """A fresh process with the production settings: the "attachments" storage is django-storages' S3Storage."""
    script = (
        "import json; from equity.models import attachment_storage; s = attachment_storage(); "
        "print(json.dumps([type(s).__module__ + '.' + type(s).__name__, s.bucket_name, s.endpoint_url, "
        "s.location, s.default_acl, s.querystring_auth, s.file_overwrite, s.addressing_style]))"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(S3_ENV, DJANGO_SETTINGS_MODULE="equity.settings", DJANGO_DEBUG="true")
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    built = json.loads(result.stdout.strip().splitlines()[-1])
    assert built == [
        "storages.backends.s3.S3Storage",
        "equity-evidence",
        "https://s3.example.org",
        "portal",
        "private",
        True,
        False,
        "path",
    ]
