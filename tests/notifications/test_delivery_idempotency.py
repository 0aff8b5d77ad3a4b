"""Duplicates are impossible under retries: an event raised twice, the sender run twice or by two workers at once."""

import threading

import pytest
from django.db import connections

from equity.models import EmailDelivery, Notification
from equity.notifications import delivery as delivery_module
from equity.notifications.delivery import email_deliveries_send
from reports.notices import report_job_outcome_notify
from tests.notifications.smtp import report_job

Status = EmailDelivery.Status


@pytest.mark.django_db
def test_an_event_raised_twice_makes_one_notification_and_one_email(
    personas, smtp_server, django_capture_on_commit_callbacks
):
    job = report_job(requester=personas.staff)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report_job_outcome_notify(job=job)  # the commit asks a worker to send (here: in-process, eager)
    assert len(callbacks) == 1
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report_job_outcome_notify(job=job)  # a retried task raises it again: nothing new, nothing to send
    assert callbacks == []
    assert Notification.objects.count() == 1 and EmailDelivery.objects.count() == 1
    assert EmailDelivery.objects.get().status == Status.SENT
    email_deliveries_send()
    email_deliveries_send()
    assert len(smtp_server.received) == 1


@pytest.mark.django_db
def test_the_sender_run_twice_sends_each_email_once(personas, smtp_server):
    for n in range(5):
        report_job_outcome_notify(job=report_job(requester=personas.staff, title=f"Report {n}"))
    first, second = email_deliveries_send(limit=3), email_deliveries_send(limit=3)
    assert (first.claimed, second.claimed, email_deliveries_send().claimed) == (3, 2, 0)
    ids = [r.message["Message-ID"] for r in smtp_server.received]
    assert len(ids) == 5 == len(set(ids))
    assert set(EmailDelivery.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}


@pytest.mark.needs_postgres
@pytest.mark.timeout(120)
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_never_claim_the_same_email(personas, smtp_server, monkeypatch):
    """Two threads, each on its own database connection, claim batches at the same time (SELECT ... FOR UPDATE SKIP
    LOCKED): every e-mail is claimed by one of them and reaches the server once."""
    monkeypatch.setattr("equity.notifications.tasks.email_deliveries_kick", lambda: None)  # left queued for the two
    for n in range(24):
        report_job_outcome_notify(job=report_job(requester=personas.staff, title=f"Report {n}"))
    smtp_server.handler.delay = 0.02  # a slow server keeps both workers busy at once
    real_claim = delivery_module._claim
    claimed: dict[str, list[int]] = {"a": [], "b": []}
    start = threading.Barrier(2, timeout=30)
    errors: list[BaseException] = []

    def claim(**kwargs):
        rows = real_claim(**kwargs)
        claimed[threading.current_thread().name] += [row.pk for row in rows]
        return rows

    monkeypatch.setattr(delivery_module, "_claim", claim)

    def work():
        try:
            start.wait()
            while email_deliveries_send(limit=3).claimed:
                pass
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, name=name) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    assert not any(thread.is_alive() for thread in threads) and errors == []
    assert claimed["a"] and claimed["b"], claimed  # both took part
    assert not set(claimed["a"]) & set(claimed["b"])
    assert sorted(claimed["a"] + claimed["b"]) == sorted(EmailDelivery.objects.values_list("pk", flat=True))
    ids = [r.message["Message-ID"] for r in smtp_server.received]
    assert len(ids) == 24 == len(set(ids))
    assert set(EmailDelivery.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}
