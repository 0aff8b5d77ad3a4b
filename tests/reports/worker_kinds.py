"""Registers the test-only report kinds in a test worker process (imported by Celery through CELERY_IMPORTS)."""

from reports.kinds import register
from tests.reports.kinds_for_tests import TEST_KINDS

for kind in TEST_KINDS:
    register(kind)
