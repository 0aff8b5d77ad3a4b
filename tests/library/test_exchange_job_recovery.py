"""The sweep of exchange import jobs: a job left waiting is sent again, a job whose worker was lost mid-import (its
transaction rolled back) is imported again, exactly once, and a job lost three times fails with a reason."""

from datetime import timedelta

import pytest
from django.utils import timezone

from library import tasks
from library.models import ExchangeImport, Practice
from library.services.exchange import exchange_imports_recover
from tests.library.test_exchange_jobs import _file

pytestmark = pytest.mark.django_db
Status = ExchangeImport.Status


def _job(personas, **fields) -> ExchangeImport:
    job = ExchangeImport.objects.create(uploaded_by=personas.equity, filename="big.json", payload=_file(3).decode())
    ExchangeImport.objects.filter(pk=job.pk).update(**fields)
    return job


def test_a_job_never_sent_is_sent_by_the_sweep_and_imported(personas):
    job = _job(personas, sent_at=None)
    assert exchange_imports_recover() == 1
    job.refresh_from_db()
    assert (job.status, job.practices_created, Practice.objects.count()) == (Status.DONE, 3, 3)


def test_a_job_whose_worker_was_lost_is_imported_again_exactly_once(personas):
    lost = timezone.now() - timedelta(minutes=11)
    job = _job(personas, status=Status.RUNNING, started_at=lost, attempts=1, sent_at=lost)
    assert exchange_imports_recover() == 1
    job.refresh_from_db()
    assert (job.status, job.attempts, Practice.objects.count()) == (Status.DONE, 2, 3)
    reasons = list(job.history.order_by("history_id").values_list("history_change_reason", flat=True))
    assert "requeued: its worker was lost" in reasons
    assert exchange_imports_recover() == 0 and Practice.objects.count() == 3


def test_a_job_still_inside_its_time_or_just_sent_is_left_alone(personas):
    now = timezone.now()
    running = _job(personas, status=Status.RUNNING, started_at=now - timedelta(minutes=1), attempts=1, sent_at=now)
    waiting = _job(personas, sent_at=now)
    assert exchange_imports_recover() == 0
    assert [j.status for j in ExchangeImport.objects.filter(pk__in=[running.pk, waiting.pk]).order_by("pk")] == [
        Status.RUNNING, Status.QUEUED,
    ]  # fmt: skip


def test_a_job_lost_three_times_fails_with_a_reason_and_saves_nothing(personas):
    job = _job(personas, status=Status.RUNNING, started_at=timezone.now() - timedelta(hours=1), attempts=3)
    assert exchange_imports_recover() == 0
    job.refresh_from_db()
    assert job.status == Status.FAILED and "stopped without finishing 3 times" in job.error
    assert not Practice.objects.exists()


def test_the_sweep_stops_while_the_broker_is_down_and_the_job_keeps_waiting(personas, monkeypatch):
    def broker_down(**kwargs):
        raise ConnectionRefusedError("redis is down")

    monkeypatch.setattr(tasks.exchange_import_run, "apply_async", broker_down)
    job = _job(personas, sent_at=None)
    assert exchange_imports_recover() == 0
    job.refresh_from_db()
    assert job.status == Status.QUEUED and job.sent_at is None and not Practice.objects.exists()
