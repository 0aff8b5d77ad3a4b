"""Settings of the Celery workers that tests/reports/test_worker.py starts: the test settings, and the test-only
report kinds registered when the worker starts (Celery imports CELERY_IMPORTS after Django is set up)."""

from tests.settings import *  # noqa: F403

CELERY_IMPORTS = ["tests.reports.worker_kinds"]
