"""The daily scan of actions' dates (plans.notices.daily): not started after the start date, due soon, overdue (to
the accountable person and, separately, the lead department's managers); once per event whatever the number of
runs; a fixed number of queries whatever the number of actions; the Celery task and its beat entry."""

import datetime

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from equity.models import Notification
from plans.models import Action, Plan
from plans.notices import ACTION_DUE_SOON, ACTION_NOT_STARTED, ACTION_OVERDUE, DEPARTMENT_ACTION_OVERDUE
from plans.notices.daily import action_notices_send
from plans.tasks import notices_daily
from tests.plans.factories import ActionFactory, PlanFactory
from tests.plans.notification_helpers import told, who

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 10)


@pytest.fixture
def plan(personas):
    return PlanFactory(title="CD housing plan", departments=[personas.dept])


def _action(plan, personas, **fields):
    defaults = {"lead_department": personas.dept, "accountable": personas.staff, "start_date": None, "due_date": None}
    return ActionFactory(plan=plan, **(defaults | fields))


def _url(action) -> str:
    return reverse("plans:action_detail", args=[action.pk])


def test_not_started_after_its_start_date_tells_the_accountable_person_once(plan, personas):
    late = _action(plan, personas, title="Late", start_date=TODAY - datetime.timedelta(days=1))
    _action(plan, personas, title="Starts today", start_date=TODAY)
    _action(plan, personas, title="Begun", start_date=TODAY - datetime.timedelta(days=9), status="in_progress")
    draft = PlanFactory(status=Plan.Status.DRAFT, departments=[personas.dept])
    _action(draft, personas, title="Draft", start_date=TODAY - datetime.timedelta(days=9))
    action_notices_send(today=TODAY)
    assert told(ACTION_NOT_STARTED) == [("staff", "Still “Not started” after its start date: Late", _url(late))]
    action_notices_send(today=TODAY)
    assert who(ACTION_NOT_STARTED) == ["staff"]  # once per start date, not daily
    action_notices_send(today=TODAY + datetime.timedelta(days=1))
    titles = sorted(t for _n, t, _u in told(ACTION_NOT_STARTED))
    assert [t.split(": ")[-1] for t in titles] == ["Late", "Starts today"]  # the next day: only the new one


def test_due_soon_within_the_setting_once_per_due_date(plan, personas, settings):
    settings.PLANS_NOTIFY_DUE_SOON_DAYS = 14
    soon = _action(plan, personas, title="Soon", due_date=TODAY + datetime.timedelta(days=14))
    _action(plan, personas, title="Later", due_date=TODAY + datetime.timedelta(days=15))
    _action(plan, personas, title="Done", due_date=TODAY + datetime.timedelta(days=3), status="completed")
    _action(plan, personas, title="Ongoing", due_date=TODAY + datetime.timedelta(days=3), status="ongoing")
    assert action_notices_send(today=TODAY) == 1
    assert [(n, u) for n, _t, u in told(ACTION_DUE_SOON)] == [("staff", _url(soon))]
    assert told(ACTION_DUE_SOON)[0][1].startswith("Due ") and told(ACTION_DUE_SOON)[0][1].endswith(": Soon")
    assert action_notices_send(today=TODAY + datetime.timedelta(days=1)) == 1  # "Later" enters the window
    titles = Notification.objects.filter(kind=ACTION_DUE_SOON).values_list("title", flat=True)
    assert sorted(t.split(": ")[-1] for t in titles) == ["Later", "Soon"]
    assert action_notices_send(today=TODAY + datetime.timedelta(days=2)) == 0
    Action.objects.filter(pk=soon.pk).update(due_date=TODAY + datetime.timedelta(days=20))  # moved: a new event
    assert action_notices_send(today=TODAY + datetime.timedelta(days=8)) == 1


def test_overdue_tells_the_accountable_person_and_the_lead_department_managers(plan, personas):
    late = _action(plan, personas, title="Late", due_date=TODAY - datetime.timedelta(days=1), status="at_risk")
    _action(plan, personas, title="Closed", due_date=TODAY - datetime.timedelta(days=1), status="cancelled")
    theirs = _action(
        plan, personas, title="Theirs", due_date=TODAY - datetime.timedelta(days=5),
        lead_department=personas.other_dept, accountable=None,
    )  # fmt: skip
    action_notices_send(today=TODAY)
    assert [(n, u) for n, _t, u in told(ACTION_OVERDUE)] == [("staff", _url(late))]
    assert told(ACTION_OVERDUE)[0][1].startswith("Overdue since ")
    assert told(DEPARTMENT_ACTION_OVERDUE) == [
        ("manager", "Overdue in Community Development: Late", _url(late)),
        ("other_manager", "Overdue in Public Works: Theirs", _url(theirs)),
    ]  # not staff, other_staff or the facilitator: not managers
    for _day in range(3):
        assert action_notices_send(today=TODAY) == 0  # beat twice, a retried task: nothing new


def test_the_scan_runs_a_fixed_number_of_queries(plan, personas):
    def grow(n):
        for k in range(n):
            _action(plan, personas, title=f"Late {k}", start_date=TODAY - datetime.timedelta(days=40),
                    due_date=TODAY - datetime.timedelta(days=1 + k))  # fmt: skip
            _action(plan, personas, title=f"Soon {k}", due_date=TODAY + datetime.timedelta(days=1 + k))

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            action_notices_send(today=TODAY)
        return len(ctx.captured_queries)

    grow(2)
    queries()
    quiet_small = queries()  # nothing new: only the queries that choose the events
    grow(6)
    queries()
    assert queries() == quiet_small <= 7


def test_the_task_runs_the_scan_and_beat_runs_it_at_six(plan, personas, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    _action(plan, personas, title="Late", due_date=TODAY - datetime.timedelta(days=1))
    assert notices_daily.apply().get() == 2  # the accountable person and the lead department's manager
    entry = settings.CELERY_BEAT_SCHEDULE["plans-notices-daily"]
    assert entry["task"] == "plans.notices_daily" == notices_daily.name
    assert entry["schedule"] == crontab(minute=0, hour=6)
