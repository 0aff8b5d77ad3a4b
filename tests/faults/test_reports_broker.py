"""Redis stopped or hung when a person asks for a report: the request answers in about a second, no 500, the job
stays queued with a clear message, and the sweeper sends it once the broker is back."""

import time

import pytest
from celery import current_app
from django.urls import reverse

from reports.models import ReportJob
from tests.faults.processes import RedisServer, SilentServer

pytestmark = [pytest.mark.fault, pytest.mark.needs_redis, pytest.mark.django_db]
Status = ReportJob.Status


@pytest.fixture
def published(settings, tmp_path):
    """Publish to the broker (not in-process), with private media and a queue of this test's own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.REPORTS_QUEUE = f"fault-{tmp_path.name}"[:60]
    previous = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = False
    yield settings
    current_app.conf.task_always_eager = previous


@pytest.fixture
def redis_server():
    if not RedisServer.available:
        pytest.skip("needs redis-server on PATH")
    server = RedisServer()
    yield server
    server.stop()


def _ask(client, personas, django_capture_on_commit_callbacks) -> tuple[float, object]:
    client.force_login(personas.manager)
    url = reverse("reports:job_create", kwargs={"kind": "department_roster", "target": personas.dept.pk})
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    return time.monotonic() - started, response


def _assert_refused_fast(client, elapsed, response) -> ReportJob:
    assert elapsed < 2.5, f"the request took {elapsed:.2f}s"
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "will be built as soon as the queue is back" in page.content.decode()
    job = ReportJob.objects.get()
    assert job.status == Status.QUEUED and job.sent_at is None
    return job


def test_redis_stopped_at_request_time_answers_fast_and_keeps_the_job(
    client, personas, published, redis_server, django_capture_on_commit_callbacks
):
    published.CELERY_BROKER_URL = redis_server.url
    redis_server.stop()
    elapsed, response = _ask(client, personas, django_capture_on_commit_callbacks)
    _assert_refused_fast(client, elapsed, response)
    print(f"redis stopped: the request answered in {elapsed:.2f}s")


def test_redis_hung_at_request_time_answers_fast_and_the_sweeper_sends_it_later(
    client, personas, published, redis_server, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    import redis
    from django.utils import timezone

    from reports import sweeps

    published.CELERY_BROKER_URL = redis_server.url
    redis_server.pause()  # accepts TCP connections (the kernel's backlog) and never answers
    elapsed, response = _ask(client, personas, django_capture_on_commit_callbacks)
    job = _assert_refused_fast(client, elapsed, response)
    print(f"redis hung (SIGSTOP): the request answered in {elapsed:.2f}s")

    redis_server.resume()
    ReportJob.objects.filter(pk=job.pk).update(queued_at=timezone.now() - timedelta(minutes=10))
    assert sweeps.report_jobs_resend_queued() == 1
    assert redis.Redis.from_url(redis_server.url).llen(published.REPORTS_QUEUE) == 1


def test_a_silent_broker_that_accepts_and_never_answers_is_refused_fast(
    client, personas, published, django_capture_on_commit_callbacks
):
    server = SilentServer()
    try:
        published.CELERY_BROKER_URL = server.url
        elapsed, response = _ask(client, personas, django_capture_on_commit_callbacks)
        _assert_refused_fast(client, elapsed, response)
        print(f"silent broker: the request answered in {elapsed:.2f}s")
    finally:
        server.stop()
