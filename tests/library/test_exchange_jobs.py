"""Large exchange imports run as a job: checked completely in the request, imported all or nothing by a worker,
followed on a page that polls its status (the uploader and the equity team only)."""

import json
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from library import tasks
from library.models import ExchangeImport, Practice
from library.services import exchange as exchange_services
from library.services.exchange import exchange_import_job_run

pytestmark = pytest.mark.django_db


def _file(count: int) -> bytes:
    practices = [
        {"uid": str(uuid.uuid4()), "title": f"Practice {i}", "summary": "S", "kind": "policy", "jurisdiction": "X"}
        for i in range(count)
    ]
    document = {
        "format": "equity-portal-exchange",
        "schema_version": 1,
        "exported_at": "2026-11-28T12:00:00+00:00",
        "source": {"jurisdiction": "City of Minneapolis"},
        "practices": practices,
    }
    return json.dumps(document).encode()


@pytest.fixture
def small_threshold(monkeypatch):
    """Three practices count as a large import, so the tests stay fast."""
    monkeypatch.setattr(exchange_services, "IMPORT_INLINE_MAX_ITEMS", 2)


def _preview_and_confirm(client, content: bytes, django_capture_on_commit_callbacks, *, execute=True):
    preview = client.post(reverse("library:exchange_import"), {"file": SimpleUploadedFile("big.json", content)})
    assert preview.status_code == 200
    with django_capture_on_commit_callbacks(execute=execute):
        return client.post(reverse("library:exchange_import_confirm"), {"token": preview.context["token"]})


def test_a_large_import_runs_as_a_job_and_its_page_shows_the_outcome(
    client, personas, small_threshold, django_capture_on_commit_callbacks
):
    client.force_login(personas.equity)
    response = _preview_and_confirm(client, _file(3), django_capture_on_commit_callbacks)
    job = ExchangeImport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("library:exchange_import_job", args=[job.pk])
    assert job.status == "done" and job.practices_created == 3 and job.payload == ""  # the file is not kept
    assert Practice.objects.count() == 3
    assert [h.history_change_reason for h in job.history.order_by("history_id")] == [
        "queued",
        "started",
        "done",
    ]
    page = client.get(response["Location"]).content.decode()
    assert "3 practices imported" in page and 'role="status"' in page and "every 2s" not in page
    assert "library_import" not in client.session


def test_a_small_import_still_runs_in_the_request(
    client, personas, small_threshold, django_capture_on_commit_callbacks
):
    client.force_login(personas.equity)
    response = _preview_and_confirm(client, _file(2), django_capture_on_commit_callbacks)
    assert response["Location"] == reverse("library:practice_list")
    assert Practice.objects.count() == 2 and not ExchangeImport.objects.exists()


def test_a_queued_job_page_polls_its_status(client, personas, small_threshold, django_capture_on_commit_callbacks):
    client.force_login(personas.equity)
    _preview_and_confirm(client, _file(3), django_capture_on_commit_callbacks, execute=False)  # no worker yet
    job = ExchangeImport.objects.get()
    page = client.get(reverse("library:exchange_import_job", args=[job.pk])).content.decode()
    assert "waiting for a worker" in page and 'data-hx-trigger="every 2s"' in page
    part = client.get(reverse("library:exchange_import_job", args=[job.pk]), headers={"HX-Request": "true"})
    assert part.content.decode().startswith('<section id="import-status"')
    assert not Practice.objects.exists()


def test_a_job_whose_file_no_longer_passes_fails_and_saves_nothing(personas):
    payload = _file(3).decode().replace('"kind": "policy"', '"kind": "law"')
    job = ExchangeImport.objects.create(uploaded_by=personas.equity, filename="big.json", payload=payload)
    exchange_import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "practices[1].kind: 'law' is not one of" in job.error
    assert not Practice.objects.exists()


def test_a_job_that_breaks_midway_saves_nothing(personas, monkeypatch):
    job = ExchangeImport.objects.create(uploaded_by=personas.equity, filename="big.json", payload=_file(3).decode())
    calls = []

    def fail_on_third(obj, **kwargs):
        calls.append(obj)
        if len(calls) == 4:  # the job's "started" row, then the third practice
            raise RuntimeError("disk full")
        return original(obj, **kwargs)

    original = exchange_services.audited_save
    monkeypatch.setattr(exchange_services, "audited_save", fail_on_third)
    exchange_import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "nothing was saved" in job.error
    assert not Practice.objects.exists()


def test_a_second_delivery_of_the_message_does_nothing(personas):
    job = ExchangeImport.objects.create(uploaded_by=personas.equity, filename="big.json", payload=_file(3).decode())
    assert exchange_import_job_run(job_id=job.pk).status == "done"
    assert exchange_import_job_run(job_id=job.pk) is None
    assert Practice.objects.count() == 3


def test_a_job_waits_when_the_broker_is_down(
    client, personas, small_threshold, monkeypatch, django_capture_on_commit_callbacks
):

    def broker_down(**kwargs):
        raise ConnectionRefusedError("redis is down")

    monkeypatch.setattr(tasks.exchange_import_run, "apply_async", broker_down)
    client.force_login(personas.equity)
    response = _preview_and_confirm(client, _file(3), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert ExchangeImport.objects.get().status == "queued" and not Practice.objects.exists()
