"""Concurrent duplicate report requests (5 POSTs at once, then 2 resubmits) on PostgreSQL make one job: the database's
unique key on open requests decides, not a check-then-insert."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from reports import jobs
from reports.models import ReportJob

pytestmark = [pytest.mark.fault, pytest.mark.needs_postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_duplicate_requests_make_one_job(personas, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    monkeypatch.setattr(jobs, "report_job_send", lambda **kw: True)  # queued, not built: the job stays open
    url = reverse("reports:job_create", kwargs={"kind": "department_roster", "target": personas.dept.pk})
    start = threading.Barrier(5, timeout=20)
    locations: list[str] = []
    errors: list[BaseException] = []

    def ask() -> None:
        try:
            client = Client()
            client.force_login(personas.manager)
            start.wait()
            response = client.post(url)
            assert response.status_code == 302, response.status_code
            locations.append(response["Location"])
        except BaseException as exc:  # noqa: BLE001 - reported by the test thread below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    for _resubmit in range(2):
        ask_again = Client()
        ask_again.force_login(personas.manager)
        response = ask_again.post(url, follow=True)
        assert "You already asked for this report; it is being built." in response.content.decode()
        locations.append(response.redirect_chain[-1][0])

    job = ReportJob.objects.get()  # one job for seven requests
    assert locations == [reverse("reports:job_detail", args=[job.pk])] * 7
    assert job.status == ReportJob.Status.QUEUED
