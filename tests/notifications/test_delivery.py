"""Sending notification e-mails to a real SMTP server (aiosmtpd on loopback): retries with doubling waits, a
recorded failure, bounces, a server that is down, nothing for one's own change or for a record no longer visible."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from equity.models import EmailDelivery, Notification
from equity.notifications.delivery import email_deliveries_send
from equity.notifications.services import notify
from reports.notices import FAILED, report_job_outcome_notify
from tests.notifications.smtp import deliveries, report_job

pytestmark = pytest.mark.django_db
Status = EmailDelivery.Status
T0 = datetime(2026, 5, 4, 15, 0, tzinfo=UTC)


@pytest.fixture
def queued(personas):
    """One failed report of the staff member: one e-mail queued at T0."""
    with time_machine.travel(T0, tick=False):
        job = report_job(requester=personas.staff, title="Snow plow routes")
        report_job_outcome_notify(job=job)
    [delivery] = deliveries()
    assert delivery.status == Status.QUEUED and delivery.recipient == personas.staff
    return delivery


def _send_at(moment: datetime):
    with time_machine.travel(moment, tick=False):
        return email_deliveries_send()


def test_a_queued_email_reaches_the_server_once(queued, smtp_server, personas):
    result = _send_at(T0)
    assert result.counts == {Status.SENT: 1}
    queued.refresh_from_db()
    assert queued.status == Status.SENT and queued.attempts == 1 and queued.sent_at == T0
    [got] = smtp_server.received
    assert got.rcpt_tos == [personas.staff.email]
    assert got.message["Message-ID"] == queued.message_id
    assert _send_at(T0 + timedelta(hours=1)).claimed == 0  # sent once, never again
    assert len(smtp_server.received) == 1


def test_a_temporary_refusal_is_retried_with_doubling_waits_then_recorded_failed(queued, smtp_server, settings):
    settings.NOTIFICATIONS_EMAIL_MAX_ATTEMPTS = 3
    settings.NOTIFICATIONS_EMAIL_RETRY_SECONDS = 60
    smtp_server.handler.answer_data = "451 4.3.0 Try again later"

    result = _send_at(T0)
    queued.refresh_from_db()
    assert queued.status == Status.QUEUED and queued.attempts == 1
    assert queued.next_attempt_at == T0 + timedelta(seconds=60) == result.next_retry_at
    assert "451" in queued.last_error

    assert _send_at(T0 + timedelta(seconds=59)).claimed == 0  # not due yet

    second = T0 + timedelta(seconds=60)
    _send_at(second)
    queued.refresh_from_db()
    assert queued.status == Status.QUEUED and queued.attempts == 2
    assert queued.next_attempt_at == second + timedelta(seconds=120)  # the wait doubles

    assert _send_at(second + timedelta(seconds=119)).claimed == 0
    result = _send_at(second + timedelta(seconds=120))
    queued.refresh_from_db()
    assert queued.status == Status.FAILED and queued.attempts == 3 and "451" in queued.last_error
    assert result.counts == {Status.FAILED: 1} and result.next_retry_at is None
    assert _send_at(T0 + timedelta(days=1)).claimed == 0  # a failure is final
    assert smtp_server.received == []


def test_a_retry_that_passes_is_sent_once(queued, smtp_server):
    smtp_server.handler.answer_data = "451 4.7.1 Greylisted, come back later"
    _send_at(T0)
    smtp_server.handler.answer_data = None
    _send_at(T0 + timedelta(minutes=1))
    queued.refresh_from_db()
    assert queued.status == Status.SENT and queued.attempts == 2 and queued.last_error.startswith("SMTPDataError")
    assert [r.message["Message-ID"] for r in smtp_server.received] == [queued.message_id]


def test_a_refused_recipient_is_a_bounce_without_retry(queued, smtp_server):
    smtp_server.handler.answer_rcpt = "550 5.1.1 No such user here"
    result = _send_at(T0)
    queued.refresh_from_db()
    assert result.counts == {Status.BOUNCED: 1} and result.next_retry_at is None
    assert queued.status == Status.BOUNCED and queued.attempts == 1 and "550" in queued.last_error
    assert _send_at(T0 + timedelta(days=1)).claimed == 0
    assert smtp_server.received == []


def test_a_server_that_is_down_means_a_retry(queued, smtp_server, settings):
    settings.NOTIFICATIONS_EMAIL_RETRY_SECONDS = 30
    smtp_server.stop()
    result = _send_at(T0)
    queued.refresh_from_db()
    assert result.counts == {Status.QUEUED: 1}
    assert queued.status == Status.QUEUED and queued.attempts == 1
    assert queued.next_attempt_at == T0 + timedelta(seconds=30)
    assert "ConnectionRefusedError" in queued.last_error


def test_a_server_lost_in_the_middle_of_a_batch_leaves_the_rest_for_a_retry(personas, smtp_server, monkeypatch):
    with time_machine.travel(T0, tick=False):
        for n in range(3):
            report_job_outcome_notify(job=report_job(requester=personas.staff, title=f"Report {n}"))
    from django.core.mail.backends.smtp import EmailBackend

    real_send = EmailBackend._send

    def send_then_go_down(self, message):
        sent = real_send(self, message)
        smtp_server.stop()
        self.connection.close()  # the server went away under an open session
        return sent

    monkeypatch.setattr(EmailBackend, "_send", send_then_go_down)
    result = _send_at(T0)
    assert result.counts == {Status.SENT: 1, Status.QUEUED: 2}
    assert [d.status for d in deliveries()] == [Status.SENT, Status.QUEUED, Status.QUEUED]


def test_a_worker_lost_after_the_server_took_the_email_sends_it_again_with_the_same_message_id(
    queued, smtp_server, settings
):
    """The one at-least-once window: the claim of a worker that stopped answering lapses, and the e-mail goes again."""
    _send_at(T0)
    queued.refresh_from_db()
    first_id = queued.message_id
    EmailDelivery.objects.filter(pk=queued.pk).update(status=Status.SENDING, claimed_at=T0, sent_at=None, attempts=0)
    claim = timedelta(seconds=settings.NOTIFICATIONS_EMAIL_CLAIM_SECONDS)
    assert _send_at(T0 + claim).claimed == 0  # still claimed by the (silent) worker
    assert _send_at(T0 + claim + timedelta(seconds=1)).counts == {Status.SENT: 1}
    assert [r.message["Message-ID"] for r in smtp_server.received] == [first_id, first_id]


def test_nothing_is_sent_for_ones_own_change(personas, smtp_server):
    job = report_job(requester=personas.staff)
    event = {"kind": FAILED, "target": job, "event_key": f"own:{job.pk}", "title": "T", "url": "/reports/"}
    assert notify(recipients=[personas.staff], actor=personas.staff, **event) == 0
    assert notify(recipients=[personas.staff, personas.equity], actor=personas.equity, **event) == 1
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["staff"]
    email_deliveries_send()
    assert [r.rcpt_tos for r in smtp_server.received] == [[personas.staff.email]]


def test_a_record_no_longer_visible_at_send_time_is_dropped(queued, smtp_server, personas):
    job = Notification.objects.get().target_id
    from reports.models import ReportJob

    ReportJob.objects.filter(pk=job).update(requested_by=personas.other_staff)  # no longer the staff member's
    result = _send_at(T0)
    queued.refresh_from_db()
    assert result.counts == {Status.DROPPED: 1} and queued.status == Status.DROPPED
    assert smtp_server.received == []


def test_a_person_deactivated_before_sending_is_dropped(queued, smtp_server, personas):
    personas.staff.is_active = False
    personas.staff.save(update_fields=["is_active"])
    assert _send_at(T0).counts == {Status.DROPPED: 1}
    assert smtp_server.received == []


def test_the_equity_team_still_sees_it_and_gets_it(personas, smtp_server):
    """The same change of requester leaves the notification of someone who may see every job."""
    job = report_job(requester=personas.staff)
    notify(kind=FAILED, recipients=[personas.equity], target=job, event_key="x", title="T", url="/reports/")
    job.requested_by = personas.other_staff
    job.save(update_fields=["requested_by"])
    assert email_deliveries_send().counts == {Status.SENT: 1}


def test_failed_deliveries_are_listed_read_only_in_the_admin(queued, client, admin_user):
    EmailDelivery.objects.filter(pk=queued.pk).update(status=Status.FAILED, last_error="451 4.3.0 later")
    client.force_login(admin_user)
    response = client.get("/admin/equity/emaildelivery/?status__exact=failed")
    assert response.status_code == 200 and queued.key in response.content.decode()
    assert client.get(f"/admin/equity/emaildelivery/{queued.pk}/change/").status_code == 200  # to look at
    assert client.get("/admin/equity/emaildelivery/add/").status_code == 403
    assert client.get("/admin/equity/notification/").status_code == 200
