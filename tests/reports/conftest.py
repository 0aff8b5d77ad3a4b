"""Report fixtures: private media in a temporary folder, test-only report kinds, a unique queue name."""

import uuid

import pytest

TEST_KINDS = "tests.reports.kinds_for_tests"


@pytest.fixture(autouse=True)
def report_settings(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.REPORT_KIND_MODULES = [TEST_KINDS]
    settings.REPORTS_QUEUE = f"reports-test-{uuid.uuid4().hex[:10]}"
    return settings


@pytest.fixture
def not_eager():
    """Publish tasks to the broker instead of running them in-process (Celery reads its own config, not settings)."""
    from celery import current_app

    previous = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = False
    yield
    current_app.conf.task_always_eager = previous
