"""Required modules due soon and overdue (the daily scan, with frozen dates): the people a requirement applies to who
have not completed the module, once per due date; the scan's query cost does not grow with the number of people;
the Celery task and its beat entry."""

from datetime import datetime, time, timedelta

import pytest
from celery import current_app
from celery.schedules import crontab
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from equity.models import Notification
from tests.factories import UserFactory
from tests.training.factories import AttendanceFactory, SessionFactory
from training.models import TrainingRequirement
from training.notices import MODULE_DUE, MODULE_OVERDUE, training_notices_send
from training.tasks import training_notices_daily_task

pytestmark = pytest.mark.django_db
EVERYONE = ["equity", "facilitator", "manager", "other_manager", "other_staff", "staff"]


def _told(kind: str) -> list[str]:
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def _requirement(module, **kwargs) -> TrainingRequirement:
    """In effect from tomorrow (after every test account was created), so everyone's clock starts that day."""
    values = {"effective_from": timezone.localdate() + timedelta(days=1), "due_days": 30}
    return TrainingRequirement.objects.create(module=module, **(values | kwargs))


def _due(requirement: TrainingRequirement):
    return requirement.effective_from + timedelta(days=requirement.due_days)


def test_module_due_tells_people_who_have_not_completed_it_once_per_due_date(personas, module, client):
    requirement = _requirement(module)
    due = _due(requirement)
    AttendanceFactory(session=SessionFactory(module=module), user=personas.staff)  # staff completed it
    assert training_notices_send(today=due - timedelta(days=15))[MODULE_DUE] == 0  # not within 14 days yet
    assert training_notices_send(today=due - timedelta(days=14))[MODULE_DUE] == 5
    assert _told(MODULE_DUE) == [p for p in EVERYONE if p != "staff"]
    assert training_notices_send(today=due - timedelta(days=14))[MODULE_DUE] == 0  # the scan again
    assert training_notices_send(today=due)[MODULE_DUE] == 0  # the next days: still the same due date
    note = Notification.objects.get(kind=MODULE_DUE, recipient=personas.other_staff)
    assert note.title == f"Required training due on {due.day} {due:%B %Y}: {module.title}"
    assert note.delivery == "daily" and note.target_id == module.pk and note.actor is None
    assert note.url == reverse("training:module_detail", args=[module.pk])
    client.force_login(personas.other_staff)
    assert client.get(note.url).status_code == 200


def test_module_overdue_once_per_due_date_and_again_when_the_due_date_changes(personas, module, client):
    requirement = _requirement(module, scope=TrainingRequirement.Scope.DEPARTMENT, department=personas.dept)
    due = _due(requirement)
    assert training_notices_send(today=due)[MODULE_OVERDUE] == 0  # due today is not yet overdue
    assert training_notices_send(today=due + timedelta(days=1))[MODULE_OVERDUE] == 3
    assert _told(MODULE_OVERDUE) == ["facilitator", "manager", "staff"]  # the department's people only
    assert _told(MODULE_DUE) == ["facilitator", "manager", "staff"]  # heard it was due first
    assert training_notices_send(today=due + timedelta(days=2))[MODULE_OVERDUE] == 0
    note = Notification.objects.get(kind=MODULE_OVERDUE, recipient=personas.manager)
    assert note.title == f"Required training overdue: {module.title}" and note.delivery == "daily"
    assert f"was due on {due.day} {due:%B %Y}" in note.body
    client.force_login(personas.manager)
    assert client.get(note.url).status_code == 200

    TrainingRequirement.objects.filter(pk=requirement.pk).update(due_days=40)  # a later due date, missed again
    assert training_notices_send(today=due + timedelta(days=11))[MODULE_OVERDUE] == 3


def test_module_due_follows_the_role_and_skips_retired_requirements_and_deactivated_people(personas, module):
    _requirement(module, scope=TrainingRequirement.Scope.ROLE, role="manager")
    retired = _requirement(SessionFactory().module, retired_on=timezone.localdate())
    personas.other_manager.is_active = False
    personas.other_manager.save(update_fields=["is_active"])
    training_notices_send(today=_due(retired) - timedelta(days=1))
    assert _told(MODULE_DUE) == ["manager"]


def _scan_queries(today) -> int:
    with CaptureQueriesContext(connection) as queries:
        training_notices_send(today=today)
    return len(queries)


def test_training_notices_send_costs_the_same_queries_whatever_the_number_of_people(personas, module):
    """The selection is a fixed number of queries, and one notify() per event: measured at two sizes."""
    requirement = _requirement(module)
    due = _due(requirement)
    first = _scan_queries(due - timedelta(days=3))
    again = _scan_queries(due - timedelta(days=3))
    UserFactory.create_batch(20, departments=[personas.dept])
    Notification.objects.all().delete()
    assert _scan_queries(due - timedelta(days=3)) == first  # 26 people instead of 6: one event, same cost
    assert _scan_queries(due - timedelta(days=3)) == again
    assert again <= 6  # nothing new: the selection alone (people, departments, requirements, completions, told)


def test_training_notices_daily_task_and_its_beat_entry(personas, module, time_machine):
    entry = settings.CELERY_BEAT_SCHEDULE["training-notices-daily"]
    assert entry["task"] == "training.notices_daily" and entry["schedule"] == crontab(minute=0, hour=6)
    assert entry["options"]["queue"] == settings.CELERY_MAINTENANCE_QUEUE  # beat's own queue, like every sweep
    requirement = _requirement(module)
    due = _due(requirement)
    time_machine.move_to(timezone.make_aware(datetime.combine(due, time(6, 0))))  # beat's hour, city time
    assert training_notices_daily_task.name in current_app.tasks  # registered under the name beat sends
    result = training_notices_daily_task.apply().get()
    assert result[MODULE_DUE] == 6 and _told(MODULE_DUE) == EVERYONE
