"""Action-plan notifications raised by the services: assigned (and co-lead), off track or at risk, update posted,
period opened. Each checks who is told (never the actor, never someone who cannot see the action), the title and
link, and that raising the same event twice adds nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from equity.models import Department
from plans.models import Plan
from plans.notices import ACTION_ASSIGNED, ACTION_ATTENTION, ACTION_UPDATE_POSTED, PERIOD_OPENED
from plans.services.actions import action_create, action_update, update_correct, update_post
from plans.services.bulk import BulkChange, actions_bulk_edit
from plans.services.follows import action_follow_set
from plans.services.periods import period_open
from tests.factories import UserFactory
from tests.plans.factories import ActionFactory, PlanFactory
from tests.plans.notification_helpers import told, who

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(personas):
    return PlanFactory(title="CD housing plan", departments=[personas.dept], owner=personas.manager)


def _detail(action) -> str:
    return reverse("plans:action_detail", args=[action.pk])


def test_action_assigned_on_create_tells_the_accountable_person_not_the_author(plan, personas):
    action = action_create(
        author=personas.manager, plan=plan, title="Snow plow routes", lead_department=personas.dept,
        accountable=personas.staff,
    )  # fmt: skip
    assert told(ACTION_ASSIGNED) == [
        ("staff", "You are accountable for an action: Snow plow routes", _detail(action)),
    ]
    action_create(
        author=personas.manager, plan=plan, title="Own action", lead_department=personas.dept,
        accountable=personas.manager,
    )  # fmt: skip
    assert who(ACTION_ASSIGNED) == ["staff"]  # the author made themselves accountable: nothing


def test_action_assigned_on_update_only_when_the_person_changes(plan, personas):
    action = ActionFactory(plan=plan, lead_department=personas.dept, accountable=personas.staff, title="Bus stops")
    action = action_update(author=personas.manager, action=action, version=action.version, title="Bus shelters")
    assert who(ACTION_ASSIGNED) == []  # unchanged accountable person
    action = action_update(
        author=personas.manager, action=action, version=action.version, accountable=personas.facilitator
    )
    assert told(ACTION_ASSIGNED) == [
        ("facilitator", "You are accountable for an action: Bus shelters", _detail(action)),
    ]
    # back to the first person: a new event, they hear again
    action_update(author=personas.manager, action=action, version=action.version, accountable=personas.staff)
    assert who(ACTION_ASSIGNED) == ["facilitator", "staff"]


def test_department_made_co_lead_tells_its_managers(plan, personas):
    action = ActionFactory(plan=plan, lead_department=personas.dept, accountable=personas.staff, title="Bus stops")
    action_update(
        author=personas.equity, action=action, version=action.version, co_lead_departments=[personas.other_dept]
    )
    assert told(ACTION_ASSIGNED) == [
        ("other_manager", "Your department was made co-lead of: Bus stops", _detail(action)),
    ]  # not other_staff (not a manager), not the equity author
    action.refresh_from_db()
    action_update(
        author=personas.equity, action=action, version=action.version, co_lead_departments=[personas.other_dept]
    )
    assert who(ACTION_ASSIGNED) == ["other_manager"]  # already co-lead: nothing new


def test_nobody_is_told_about_a_draft_plan_they_cannot_see(personas):
    draft = PlanFactory(status=Plan.Status.DRAFT, departments=[personas.dept])
    action_create(
        author=personas.manager, plan=draft, title="Hidden", lead_department=personas.dept,
        accountable=personas.other_staff,
    )  # fmt: skip
    assert who(ACTION_ASSIGNED) == []
    action_create(
        author=personas.manager, plan=draft, title="Seen", lead_department=personas.dept, accountable=personas.staff
    )
    assert who(ACTION_ASSIGNED) == ["staff"]


def test_imported_actions_are_grouped_per_person_and_co_lead_department(plan, personas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from plans.services.imports import plan_import_apply, plan_import_preview, plan_import_start
    from tests.plans.plan_files import csv_bytes

    finance = Department.objects.create(name="Finance", code="FIN")
    UserFactory(username="fin_manager", departments=[finance], is_manager=True)
    rows = [
        ["Housing", "Audit lending", "CD", personas.staff.email, "Finance"],
        ["Housing", "Fair housing testing", "CD", personas.staff.email, ""],
        ["Housing", "Tenant hotline", "CD", personas.facilitator.email, "Finance"],
    ]
    raw = csv_bytes(rows, header=["Result", "Action", "Lead", "Accountable (email)", "Co-lead departments"])
    pending, _known = plan_import_start(author=personas.manager, plan=plan, upload=SimpleUploadedFile("a.csv", raw))
    preview = plan_import_preview(author=personas.manager, pending=pending)
    assert not preview.errors
    plan_import_apply(author=personas.manager, pending=pending, token=preview.token)
    tenant = plan.actions.get(title="Tenant hotline")
    assert told(ACTION_ASSIGNED) == [
        ("facilitator", "You are accountable for a new action in CD housing plan", _detail(tenant)),
        ("fin_manager", "Your department was made co-lead of 2 new actions in CD housing plan",
         reverse("plans:plan_actions", args=[plan.pk])),
        ("staff", "You are accountable for 2 new actions in CD housing plan", reverse("plans:my_actions")),
    ]  # fmt: skip


def _post(action, author, status, reason="Snow delayed the work."):
    return update_post(
        author=author, action=action, version=action.version, status=status, percent_complete=30,
        summary="Crews reassigned.", status_reason=reason,
    )  # fmt: skip


def test_off_track_tells_the_lead_department_managers(plan, personas):
    action = ActionFactory(plan=plan, lead_department=personas.dept, accountable=personas.staff, title="Bus stops")
    _post(action, personas.staff, "off_track")
    assert told(ACTION_ATTENTION) == [("manager", "Off track: Bus stops", _detail(action))]
    action.refresh_from_db()
    _post(action, personas.staff, "off_track", reason="")  # the same status again: not a change
    assert who(ACTION_ATTENTION) == ["manager"]
    action.refresh_from_db()
    _post(action, personas.staff, "at_risk")
    action.refresh_from_db()
    _post(action, personas.manager, "off_track")  # the manager made the change: nobody else manages CD
    assert who(ACTION_ATTENTION) == ["manager", "manager"]


def test_a_status_not_needing_attention_tells_nobody(plan, personas):
    action = ActionFactory(plan=plan, lead_department=personas.dept, accountable=personas.staff)
    _post(action, personas.staff, "in_progress")
    assert who(ACTION_ATTENTION) == []


def test_bulk_status_change_to_at_risk_tells_each_action_s_managers(plan, personas):
    ours = ActionFactory(plan=plan, lead_department=personas.dept, accountable=personas.staff, title="Ours")
    theirs = ActionFactory(plan=plan, lead_department=personas.other_dept, accountable=personas.staff, title="Theirs")
    actions_bulk_edit(
        author=personas.equity, plan=plan, versions={ours.pk: ours.version, theirs.pk: theirs.version},
        change=BulkChange(status="at_risk", reason="Budget cut."),
    )  # fmt: skip
    assert told(ACTION_ATTENTION) == [
        ("manager", "At risk: Ours", _detail(ours)),
        ("other_manager", "At risk: Theirs", _detail(theirs)),
    ]


def test_update_posted_tells_followers_and_the_accountable_person_not_the_author(plan, personas):
    action = ActionFactory(plan=plan, lead_department=personas.dept, accountable=personas.staff, title="Bus stops")
    action_follow_set(user=personas.facilitator, action=action, follow=True)
    action_follow_set(user=personas.manager, action=action, follow=True)
    update = _post(action, personas.manager, "in_progress")
    assert told(ACTION_UPDATE_POSTED) == [
        ("facilitator", "New progress update: Bus stops", _detail(action)),
        ("staff", "New progress update: Bus stops", _detail(action)),
    ]
    action_follow_set(user=personas.facilitator, action=action, follow=False)
    action.refresh_from_db()
    update_correct(
        author=personas.staff, update=update, version=action.version, status="in_progress", percent_complete=35,
        summary="Crews reassigned; 35 %.", correction_reason="Wrong percent.",
    )  # fmt: skip
    assert who(ACTION_UPDATE_POSTED) == ["facilitator", "manager", "staff"]  # the correction: the manager follows


def test_period_opened_tells_each_accountable_person_what_they_owe(plan, personas):
    ActionFactory(plan=plan, lead_department=personas.dept, accountable=personas.staff, title="A lending audit")
    ActionFactory(plan=plan, lead_department=personas.dept, accountable=personas.staff, title="B tenant hotline")
    ActionFactory(plan=plan, lead_department=personas.dept, accountable=personas.staff, status="completed")
    ActionFactory(plan=plan, lead_department=personas.dept, accountable=personas.facilitator, title="C bus stops")
    ActionFactory(plan=plan, lead_department=personas.dept, accountable=personas.equity, title="Own")
    draft = PlanFactory(status=Plan.Status.DRAFT, departments=[personas.dept])
    ActionFactory(plan=draft, lead_department=personas.dept, accountable=personas.other_staff)
    today = timezone.localdate()
    period = period_open(
        author=personas.equity, name="2027 Q1", start_date=today, end_date=today + datetime.timedelta(days=90),
        due_date=today + datetime.timedelta(days=100),
    )  # fmt: skip
    title = f"Reporting period 2027 Q1 is open: updates due {period.due_date.isoformat()}"
    assert told(PERIOD_OPENED) == [
        ("facilitator", title, reverse("plans:my_actions")),
        ("staff", title, reverse("plans:my_actions")),
    ]
    from equity.models import Notification

    body = Notification.objects.get(kind=PERIOD_OPENED, recipient=personas.staff).body
    assert body == "You owe updates on 2 actions: A lending audit; B tenant hotline"
