"""Digests: built once per person and period however often the job runs, a late notification waits for the next
one, and the cost of building and sending them does not grow with the number of people."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from equity.models import EmailDelivery, Notification, NotificationPreference
from equity.notifications.delivery import email_deliveries_send
from equity.notifications.digests import digests_build
from equity.notifications.kinds import Delivery
from reports.notices import FAILED, READY, report_job_outcome_notify
from tests.factories import UserFactory
from tests.notifications.smtp import report_job

pytestmark = pytest.mark.django_db
Status = EmailDelivery.Status
DAY1 = datetime(2026, 6, 1, 15, 0, tzinfo=UTC)  # Monday 10:00 in Chicago
DAY2_MORNING = datetime(2026, 6, 2, 12, 0, tzinfo=UTC)  # Tuesday 07:00
DAY2 = datetime(2026, 6, 2, 15, 0, tzinfo=UTC)
DAY3_MORNING = datetime(2026, 6, 3, 12, 0, tzinfo=UTC)


def _daily(*people) -> None:
    NotificationPreference.objects.bulk_create(
        [NotificationPreference(user=p, kind=kind, delivery=Delivery.DAILY) for p in people for kind in (READY, FAILED)]
    )


def _raise(person, title: str, *, failed: bool = False) -> Notification:
    report_job_outcome_notify(job=report_job(requester=person, title=title, failed=failed))
    return Notification.objects.get(recipient=person, title__endswith=f": {title}")


def test_building_twice_makes_one_digest_per_person(personas, smtp_server):
    _daily(personas.staff, personas.manager)
    with time_machine.travel(DAY1, tick=False):
        _raise(personas.staff, "A")
        _raise(personas.staff, "B", failed=True)
        _raise(personas.manager, "C")
    with time_machine.travel(DAY2_MORNING, tick=False):
        assert digests_build(frequency=Delivery.DAILY) == 2
        assert digests_build(frequency=Delivery.DAILY) == 0  # beat ran twice: nothing waits any more
        assert EmailDelivery.objects.count() == 2
        assert email_deliveries_send().counts == {Status.SENT: 2}
        assert digests_build(frequency=Delivery.DAILY) == 0  # and again after sending: nothing new
    assert sorted(EmailDelivery.objects.values_list("key", flat=True)) == [
        f"digest:daily:2026-06-01:{personas.staff.pk}", f"digest:daily:2026-06-01:{personas.manager.pk}",
    ]  # fmt: skip
    assert len(smtp_server.received) == 2


def test_a_notification_after_the_digest_was_sent_waits_for_the_next_one(personas, smtp_server):
    _daily(personas.staff)
    with time_machine.travel(DAY1, tick=False):
        first = _raise(personas.staff, "First")
    with time_machine.travel(DAY2_MORNING, tick=False):
        digests_build(frequency=Delivery.DAILY)
        email_deliveries_send()
    with time_machine.travel(DAY2, tick=False):
        late = _raise(personas.staff, "Late")
        digests_build(frequency=Delivery.DAILY)  # the same period again, later that day
        assert email_deliveries_send().claimed == 0
    first.refresh_from_db()
    late.refresh_from_db()
    assert late.email is None and first.email.status == Status.SENT
    sent_digest = first.email
    assert list(sent_digest.notifications.all()) == [first]

    with time_machine.travel(DAY3_MORNING, tick=False):
        assert digests_build(frequency=Delivery.DAILY) == 1
        email_deliveries_send()
    late.refresh_from_db()
    assert late.email.key == f"digest:daily:2026-06-02:{personas.staff.pk}" and late.email.status == Status.SENT
    assert [("Late" in r.part("text/plain"), "First" in r.part("text/plain")) for r in smtp_server.received] == [
        (False, True), (True, False),
    ]  # fmt: skip


def test_a_digest_with_nothing_left_to_tell_is_dropped(personas, smtp_server):
    _daily(personas.staff)
    with time_machine.travel(DAY1, tick=False):
        note = _raise(personas.staff, "Gone")
    from reports.models import ReportJob

    ReportJob.objects.filter(pk=note.target_id).update(requested_by=personas.other_staff)
    with time_machine.travel(DAY2_MORNING, tick=False):
        digests_build(frequency=Delivery.DAILY)
        assert email_deliveries_send().counts == {Status.DROPPED: 1}
    assert smtp_server.received == []


def _people_with_notifications(count: int, when: datetime) -> list:
    people = UserFactory.create_batch(count)
    _daily(*people)
    with time_machine.travel(when, tick=False):
        for person in people:
            for n in range(3):
                _raise(person, f"{person.username} ready {n}")
            for n in range(2):
                _raise(person, f"{person.username} failed {n}", failed=True)
    return people


def _digest_queries(morning: datetime) -> tuple[int, int]:
    with time_machine.travel(morning, tick=False):
        with CaptureQueriesContext(connection) as build:
            digests_build(frequency=Delivery.DAILY)
        with CaptureQueriesContext(connection) as send:
            result = email_deliveries_send()
    assert result.counts == {Status.SENT: result.claimed}
    return len(build.captured_queries), len(send.captured_queries)


def test_the_digest_query_cost_is_constant_in_the_number_of_people(smtp_server, settings, capsys):
    """5 people, then 40 people (five notifications each, two kinds): the same number of queries to build the
    digests and to send them (one visibility query per kind for up to 200 people)."""
    settings.NOTIFICATIONS_EMAIL_BATCH = 100
    _people_with_notifications(5, DAY1)
    small = _digest_queries(DAY2_MORNING)
    _people_with_notifications(40, DAY2)
    large = _digest_queries(DAY3_MORNING)
    assert len(smtp_server.received) == 45
    with capsys.disabled():
        print(f"\ndigest queries (build, send): 5 people {small}, 40 people {large}")
    assert small == large
    assert sum(large) <= 16
