"""Settings of the Celery worker that tests/notifications/test_delivery_worker.py starts: the test settings, sending
e-mail by SMTP to the test's server (TEST_SMTP_PORT), and tasks sent to the broker rather than run in-process."""

import os

from tests.settings import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("TEST_SMTP_PORT", "25"))
EMAIL_USE_TLS = EMAIL_USE_SSL = False
EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""
EMAIL_TIMEOUT = 5
CELERY_TASK_ALWAYS_EAGER = False
