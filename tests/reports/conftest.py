"""Report fixtures: private media in a temporary folder, test-only report kinds, a unique queue name."""

import uuid

import pytest

from reports import kinds
from tests.reports.kinds_for_tests import TEST_KINDS


@pytest.fixture(autouse=True)
def report_settings(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.REPORTS_QUEUE = f"reports-test-{uuid.uuid4().hex[:10]}"
    kinds.report_kinds()  # every app's kinds first, so the test kinds are the only ones taken away afterwards
    for kind in TEST_KINDS:
        monkeypatch.setitem(kinds._REGISTRY, kind.code, kind)
    return settings


@pytest.fixture
def not_eager():
    """Publish tasks to the broker instead of running them in-process (Celery reads its own config, not settings)."""
    from celery import current_app

    previous = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = False
    yield
    current_app.conf.task_always_eager = previous
