"""Beat's notification jobs: their schedule in the city's time zone, and the digest tasks run with a frozen clock
at period boundaries, across the daylight-saving changes of America/Chicago (nothing lost, nothing sent twice)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings as django_settings

from equity.celery import app as celery_app
from equity.models import EmailDelivery, Notification, NotificationPreference
from equity.notifications.kinds import Delivery
from equity.notifications.tasks import digests_daily_task, digests_weekly_task
from reports.notices import READY, report_job_outcome_notify
from tests.notifications.smtp import report_job

CHICAGO = ZoneInfo("America/Chicago")
Status = EmailDelivery.Status


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, fold: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=CHICAGO, fold=fold)


def test_the_schedule_runs_the_jobs_in_the_citys_time_zone():
    schedule = django_settings.CELERY_BEAT_SCHEDULE
    assert schedule["notifications-email-send"] == {
        "task": "equity.notifications.email_send", "schedule": 60.0, "options": {"queue": "maintenance"},
    }  # fmt: skip
    daily, weekly = schedule["notifications-digests-daily"], schedule["notifications-digests-weekly"]
    assert daily["task"] == "equity.notifications.digests_daily"
    assert weekly["task"] == "equity.notifications.digests_weekly"
    hour = django_settings.NOTIFICATIONS_DIGEST_HOUR
    assert daily["schedule"].hour == weekly["schedule"].hour == {hour} and daily["schedule"].minute == {0}
    assert daily["schedule"].day_of_week == set(range(7)) and weekly["schedule"].day_of_week == {1}  # Monday
    assert django_settings.TIME_ZONE == "America/Chicago" == celery_app.conf.timezone
    # Celery reads the crontab in its time zone: the day after the autumn change, 07:00 is 13:00 UTC (CST).
    app_now = local(2026, 11, 2, 6, 59)
    daily["schedule"].app = celery_app  # the portal's app (another test may have made a different one current)
    with time_machine.travel(app_now, tick=False):
        due, wait = daily["schedule"].is_due(local(2026, 11, 1, 7, 0))
    assert not due and wait == pytest.approx(60, abs=1)
    assert set(celery_app.tasks) >= {
        "equity.notifications.email_send", "equity.notifications.digests_daily", "equity.notifications.digests_weekly",
    }  # fmt: skip


@pytest.fixture
def person(personas):
    NotificationPreference.objects.create(user=personas.staff, kind=READY, delivery=Delivery.DAILY)
    return personas.staff


def _at(moment: datetime, person, title: str) -> Notification:
    with time_machine.travel(moment, tick=False):
        report_job_outcome_notify(job=report_job(requester=person, title=title, failed=False))
    return Notification.objects.get(title__endswith=f": {title}")


def _run(task, moment: datetime) -> int:
    with time_machine.travel(moment, tick=False):
        return task()  # builds, then asks for the sending (in-process here: the e-mails go to the SMTP server)


def timezone_local(moment: datetime) -> datetime:
    return moment.astimezone(CHICAGO)


def _hours(delivery: EmailDelivery) -> float:
    assert delivery.period_start is not None and delivery.period_end is not None
    return (delivery.period_end - delivery.period_start) / timedelta(hours=1)


def _sent_once(smtp_server, notes) -> None:
    """Every notification reached the person in exactly one e-mail."""
    texts = [r.part("text/plain") for r in smtp_server.received]
    for note in notes:
        note.refresh_from_db()
        assert note.email is not None and note.email.status == Status.SENT, note.title
        assert sum(note.title in text for text in texts) == 1, note.title


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "hours"),
    [((2026, 10, 31), 25), ((2026, 3, 7), 23), ((2026, 6, 15), 24)],
    ids=["autumn-change-25h", "spring-change-23h", "summer-24h"],
)
def test_the_daily_digest_covers_the_day_up_to_the_digest_hour(person, smtp_server, day, hours):
    """Periods end at the digest hour (07:00): the 24 hours (23 or 25 across a change) up to this morning's."""
    start = local(*day, 7)
    next_start = local(*day) + timedelta(days=1, hours=7)
    before = _at(start - timedelta(seconds=1), person, "Just before seven")
    first = _at(start, person, "At seven")
    last = _at(next_start - timedelta(seconds=1), person, "Last second")
    after = _at(next_start, person, "Next seven")

    assert _run(digests_daily_task, start) == 1  # the period before's digest
    assert _run(digests_daily_task, next_start) == 1
    assert _run(digests_daily_task, next_start + timedelta(minutes=1)) == 0  # beat again
    digest = EmailDelivery.objects.get(key=f"digest:daily:{start.date().isoformat()}:{person.pk}")
    assert _hours(digest) == hours
    assert (timezone_local(digest.period_start), timezone_local(digest.period_end)) == (start, next_start)
    assert sorted(digest.notifications.values_list("pk", flat=True)) == sorted([first.pk, last.pk])
    before.refresh_from_db()
    assert before.email.period_end == digest.period_start  # the period before's digest

    assert _run(digests_daily_task, next_start + timedelta(days=1)) == 1
    after.refresh_from_db()
    assert after.email.period_start == digest.period_end
    assert EmailDelivery.objects.count() == 3
    _sent_once(smtp_server, [before, first, last, after])


@pytest.mark.django_db
def test_the_morning_scans_reach_the_same_mornings_digest(person, smtp_server):
    """A notice raised by a 06:00 scan is in the 07:00 digest of that morning, not the next day's."""
    scan = _at(local(2026, 6, 16, 6, 0), person, "Raised by the morning scan")
    assert _run(digests_daily_task, local(2026, 6, 16, 7, 0)) == 1
    _sent_once(smtp_server, [scan])


@pytest.mark.django_db
def test_the_weekly_digest_of_the_autumn_change_covers_169_hours(personas, smtp_server):
    person = personas.staff
    NotificationPreference.objects.create(user=person, kind=READY, delivery=Delivery.WEEKLY)
    previous = _at(local(2026, 10, 26, 6, 59, 59), person, "Monday before seven")
    monday = _at(local(2026, 10, 26, 7, 0), person, "Monday at seven")
    change = _at(local(2026, 11, 1, 1, 30, fold=1), person, "During the repeated hour")  # 01:30 CST
    sunday = _at(local(2026, 11, 1, 23, 59, 59), person, "Sunday night")
    next_week = _at(local(2026, 11, 2, 7, 0), person, "Next Monday at seven")

    assert _run(digests_weekly_task, local(2026, 10, 26, 7, 0)) == 1
    assert _run(digests_weekly_task, local(2026, 11, 2, 7, 0)) == 1
    assert _run(digests_weekly_task, local(2026, 11, 2, 7, 0, 30)) == 0
    digest = EmailDelivery.objects.get(key=f"digest:weekly:2026-10-26:{person.pk}")
    assert _hours(digest) == 169
    assert (timezone_local(digest.period_start), timezone_local(digest.period_end)) == (
        local(2026, 10, 26, 7), local(2026, 11, 2, 7),
    )  # fmt: skip
    assert sorted(digest.notifications.values_list("pk", flat=True)) == sorted([monday.pk, change.pk, sunday.pk])
    assert _run(digests_weekly_task, local(2026, 11, 9, 7, 0)) == 1
    assert EmailDelivery.objects.count() == 3
    _sent_once(smtp_server, [previous, monday, change, sunday, next_week])
    subjects = [r.message["Subject"] for r in smtp_server.received]
    assert subjects[1].endswith("Your weekly summary: 3 updates")
    assert "Your weekly summary for the week of Oct. 26, 2026" in smtp_server.received[1].part("text/plain")


@pytest.mark.django_db
def test_a_missed_morning_is_made_up_by_the_next_run(person, smtp_server):
    """Beat down on Tuesday morning: Wednesday's run sends what waits, in one digest, nothing lost."""
    monday = _at(local(2026, 6, 15, 12, 0), person, "Monday noon")
    tuesday = _at(local(2026, 6, 16, 12, 0), person, "Tuesday noon")
    assert _run(digests_daily_task, local(2026, 6, 17, 7, 0)) == 1
    _sent_once(smtp_server, [monday, tuesday])
    assert len(smtp_server.received) == 1
