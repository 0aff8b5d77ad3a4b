"""Reporting-period reminders: who gets them, when, and never twice."""

import datetime

import pytest
from django.core import mail

from equity.celery import app
from plans.models import Plan, Reminder
from plans.reminders import reminders_send
from plans.tasks import send_update_reminders
from tests.plans.factories import ActionFactory, PeriodFactory, PlanFactory, UpdateFactory

pytestmark = pytest.mark.django_db

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


def test_reminder_before_due_goes_to_accountable_person_once(setup, personas):
    period, owing = setup
    assert reminders_send(today=DUE - datetime.timedelta(days=3)) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [personas.staff.email]
    assert "Owing" in message.body and "Reported" not in message.body and "Draft action" not in message.body
    assert reminders_send(today=DUE - datetime.timedelta(days=2)) == 0  # the next day: nothing new
    assert len(mail.outbox) == 1
    assert Reminder.objects.get().kind == Reminder.Kind.BEFORE_DUE


def test_no_reminder_too_early_or_for_closed_periods(setup):
    period, _ = setup
    assert reminders_send(today=DUE - datetime.timedelta(days=30)) == 0
    period.is_open = False
    period.save()
    assert reminders_send(today=DUE + datetime.timedelta(days=1)) == 0
    assert mail.outbox == []


def test_overdue_reminder_goes_to_lead_department_managers(setup, personas):
    assert reminders_send(today=DUE + datetime.timedelta(days=1)) == 1
    assert mail.outbox[0].to == [personas.manager.email]
    assert "Overdue" in mail.outbox[0].subject
    assert reminders_send(today=DUE + datetime.timedelta(days=2)) == 0


def test_new_action_gets_its_own_reminder_later(setup, personas):
    period, owing = setup
    reminders_send(today=DUE - datetime.timedelta(days=5))
    ActionFactory(plan=owing.plan, lead_department=personas.dept, accountable=personas.staff, title="Added late")
    assert reminders_send(today=DUE - datetime.timedelta(days=4)) == 1
    assert "Added late" in mail.outbox[1].body and "Owing" not in mail.outbox[1].body


def test_task_runs_eagerly_and_sends_each_email_once(setup, personas, monkeypatch):
    from plans import tasks

    monkeypatch.setattr(tasks.timezone, "localdate", lambda: DUE - datetime.timedelta(days=1))
    app.conf.task_always_eager = True
    assert send_update_reminders.delay().get() == 1
    assert send_update_reminders.delay().get() == 0
    assert len(mail.outbox) == 1


def test_beat_schedule_lists_the_task():
    from django.conf import settings

    assert settings.CELERY_BEAT_SCHEDULE["plans-update-reminders"]["task"] == "plans.tasks.send_update_reminders"
