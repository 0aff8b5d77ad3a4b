"""Reporting-period reminders: who gets them, when, and never twice; they arrive as notifications (e-mail at once by
default, with the notifications' unsubscribe header)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from equity.celery import app
from equity.models import Notification
from equity.notifications.kinds import Delivery
from equity.notifications.services import preference_set
from plans.models import Plan, Reminder
from plans.reminders import reminders_send
from plans.tasks import send_update_reminders
from tests.plans.factories import ActionFactory, PeriodFactory, PlanFactory, UpdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    """reminders_send with the e-mails sent as after a real commit."""

    def run(today):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_send(today=today)

    return run


DUE = datetime.date(2027, 1, 15)


@pytest.fixture
def setup(personas):
    plan = PlanFactory(departments=[personas.dept])
    period = PeriodFactory(due_date=DUE)
    owing = ActionFactory(plan=plan, lead_department=personas.dept, accountable=personas.staff, title="Owing")
    done = ActionFactory(plan=plan, lead_department=personas.dept, accountable=personas.staff, title="Reported")
    UpdateFactory(action=done, period=period, author=personas.staff)
    ActionFactory(plan=plan, lead_department=personas.dept, accountable=personas.staff, status="completed")
    draft = PlanFactory(status=Plan.Status.DRAFT, departments=[personas.dept])
    ActionFactory(plan=draft, lead_department=personas.dept, accountable=personas.staff, title="Draft action")
    return period, owing


def test_reminder_before_due_goes_to_accountable_person_once(setup, personas, remind):
    period, owing = setup
    assert remind(DUE - datetime.timedelta(days=3)) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [personas.staff.email]
    assert "Owing" in message.body and "Reported" not in message.body and "Draft action" not in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    note = Notification.objects.get(recipient=personas.staff)
    assert note.kind == "plans.update_due" and note.url == reverse("plans:my_actions")
    assert remind(DUE - datetime.timedelta(days=2)) == 0  # the next day: nothing new
    assert len(mail.outbox) == 1
    assert Reminder.objects.get().kind == Reminder.Kind.BEFORE_DUE


def test_no_reminder_too_early_or_for_closed_periods(setup, remind):
    period, _ = setup
    assert remind(DUE - datetime.timedelta(days=30)) == 0
    period.is_open = False
    period.save()
    assert remind(DUE + datetime.timedelta(days=1)) == 0
    assert mail.outbox == []


def test_overdue_reminder_goes_to_lead_department_managers(setup, personas, remind):
    assert remind(DUE + datetime.timedelta(days=1)) == 1
    assert mail.outbox[0].to == [personas.manager.email]
    assert "Overdue" in mail.outbox[0].subject
    assert remind(DUE + datetime.timedelta(days=2)) == 0


def test_new_action_gets_its_own_reminder_later(setup, personas, remind):
    period, owing = setup
    remind(DUE - datetime.timedelta(days=5))
    ActionFactory(plan=owing.plan, lead_department=personas.dept, accountable=personas.staff, title="Added late")
    assert remind(DUE - datetime.timedelta(days=4)) == 1
    assert "Added late" in mail.outbox[1].body and "Owing" not in mail.outbox[1].body


def test_task_runs_eagerly_and_sends_each_email_once(setup, personas, monkeypatch, django_capture_on_commit_callbacks):
    from plans import tasks

    monkeypatch.setattr(tasks.timezone, "localdate", lambda: DUE - datetime.timedelta(days=1))
    app.conf.task_always_eager = True
    with django_capture_on_commit_callbacks(execute=True):
        assert send_update_reminders.delay().get() == 1
        assert send_update_reminders.delay().get() == 0
    assert len(mail.outbox) == 1


def test_a_person_who_chose_the_inbox_gets_no_email_and_a_late_action_the_same_day_its_own_reminder(
    setup, personas, remind
):
    period, owing = setup
    preference_set(user=personas.staff, kind="plans.update_due", delivery=Delivery.INBOX)
    assert remind(DUE - datetime.timedelta(days=3)) == 1
    ActionFactory(plan=owing.plan, lead_department=personas.dept, accountable=personas.staff, title="Same day")
    assert remind(DUE - datetime.timedelta(days=3)) == 1
    assert mail.outbox == []
    bodies = list(Notification.objects.filter(recipient=personas.staff).values_list("body", flat=True))
    assert len(bodies) == 2 and any("Same day" in body and "Owing" not in body for body in bodies)


def test_beat_schedule_lists_the_task():
    from django.conf import settings

    assert settings.CELERY_BEAT_SCHEDULE["plans-update-reminders"]["task"] == "plans.tasks.send_update_reminders"
