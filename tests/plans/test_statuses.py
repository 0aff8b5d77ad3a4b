"""Statuses and progress as cities report them (issue 13): the new statuses, the legend, optional percent and the
roll-up wording, an action's starting status, as-of dates and corrections, cancelling, the needing-attention order
and bulk edits."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from plans.models import Action, ActionStatus, ProgressUpdate, StatusLegendEntry
from plans.selectors import Rollup, attention_first, status_counts
from plans.selectors_tree import plan_tree
from plans.services.actions import action_cancel, action_create, update_correct, update_post
from plans.status import legend
from tests.plans.factories import ActionFactory, OutcomeFactory, PeriodFactory, UpdateFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def _post(action, author, **kw):
    defaults = {"version": None, "status": action.status, "percent_complete": 10, "summary": "Work done."}
    return update_post(author=author, action=action, **(defaults | kw))


# --- statuses and the legend -----------------------------------------------------------------------------------


def test_every_status_has_a_legend_row_with_an_order_and_off_track_then_at_risk_need_attention():
    rows = list(StatusLegendEntry.objects.order_by("sort_order", "pk"))
    assert {r.status for r in rows} == set(ActionStatus.values)
    assert [r.status for r in rows if r.needs_attention] == ["off_track", "at_risk"]
    assert legend().label("cancelled") == "Cancelled / withdrawn"


def test_the_legend_label_is_shown_wherever_the_status_is(client, personas, world):
    entry = StatusLegendEntry.objects.get(status="not_started")
    client.force_login(personas.equity)
    url = reverse("plans:legend_update", args=[entry.pk])
    data = {"label": "Not yet begun", "tone": "info", "description": "x", "sort_order": 5, "needs_attention": ""}
    assert client.post(url, data).status_code == 302
    assert StatusLegendEntry.objects.get(pk=entry.pk).history.first().history_user == personas.equity  # audited
    for page in (
        reverse("plans:plan_actions", args=[world.plan.pk]),
        reverse("plans:plan_detail", args=[world.plan.pk]),
        reverse("plans:action_detail", args=[world.action.pk]),
    ):
        html = client.get(page).content.decode()
        assert "Not yet begun" in html, page
        assert "text-bg-info" in html


# --- percent complete and the roll-up ---------------------------------------------------------------------------


def test_rollup_averages_only_actions_reporting_a_percent_and_says_how_many(personas, world):
    Action.objects.filter(pk=world.action.pk).update(percent_complete=None)
    for percent in (10, 10, 10, 20, 20, 20, 22):  # 16 % on average
        ActionFactory(plan=world.plan, lead_department=personas.dept, percent_complete=percent)
    for _ in range(4):
        ActionFactory(plan=world.plan, lead_department=personas.dept, percent_complete=None, status="not_reported")
    ActionFactory(plan=world.plan, lead_department=personas.dept, percent_complete=90, status="cancelled")
    rollup = Rollup.from_row(Action.objects.filter(plan=world.plan).aggregate(**status_counts()))
    assert (rollup.total, rollup.reporting, rollup.not_reported, rollup.cancelled) == (12, 7, 5, 1)
    assert rollup.percent_text == "16% average of 7 reporting; 5 not reported"


def test_rollup_wording_when_no_action_reports_a_percent(personas, world):
    Action.objects.filter(pk=world.action.pk).update(percent_complete=None)
    rollup = Rollup.from_row(Action.objects.filter(plan=world.plan).aggregate(**status_counts()))
    assert rollup.percent_text == "no percent complete reported; 1 action not reported"


def test_plan_page_and_list_show_the_rollup_wording(client, personas, world):
    ActionFactory(plan=world.plan, lead_department=personas.dept, percent_complete=None)
    Action.objects.filter(pk=world.action.pk).update(percent_complete=40)
    client.force_login(personas.staff)
    html = client.get(reverse("plans:plan_detail", args=[world.plan.pk])).content.decode()
    assert "40% average of 1 reporting; 1 not reported" in html
    html = client.get(reverse("plans:plan_list")).content.decode()
    assert "40% average of 1 reporting" in html


# --- an action's starting status ---------------------------------------------------------------------------------


def test_an_action_is_created_with_its_current_status_as_of_date_and_source(personas, world):
    action = action_create(
        author=personas.manager, plan=world.plan, title="Rental registry", lead_department=personas.dept,
        status="at_risk", percent_complete=30, status_as_of=datetime.date(2023, 12, 31),
        status_source="2023 annual report",
    )  # fmt: skip
    action.refresh_from_db()
    assert (action.status, action.percent_complete, action.status_source) == ("at_risk", 30, "2023 annual report")
    assert action.status_as_of == datetime.date(2023, 12, 31)
    assert not action.updates.exists()  # no made-up update


def test_creating_an_action_completed_below_100_needs_confirmation(client, personas, world):
    client.force_login(personas.manager)
    url = reverse("plans:action_create", args=[world.plan.pk])
    data = {
        "title": "Done early", "lead_department": personas.dept.pk,
        "status": "completed", "percent_complete": "80", "status_source": "2023 annual report",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["form"].errors["confirm_incomplete"]
    assert not Action.objects.filter(title="Done early").exists()
    assert client.post(url, data | {"confirm_incomplete": "on"}).status_code == 302
    assert Action.objects.get(title="Done early").status == "completed"


# --- as-of dates and the reporting period -----------------------------------------------------------------------


def test_an_update_goes_in_the_period_containing_its_as_of_date(personas, world):
    earlier = PeriodFactory(name="Earlier", start_date=TODAY - 500 * DAY, end_date=TODAY - 400 * DAY)
    PeriodFactory(name="Now", start_date=TODAY - 10 * DAY, end_date=TODAY + 10 * DAY)
    update = _post(world.action, personas.staff, as_of=TODAY - 450 * DAY)
    assert update.period == earlier and update.as_of == TODAY - 450 * DAY


def test_the_update_form_does_not_preselect_the_current_period(client, personas, world):
    client.force_login(personas.staff)
    form = client.get(reverse("plans:update_create", args=[world.action.pk])).context["form"]
    assert form.initial.get("period") is None and form.initial["as_of"] == TODAY


def test_an_as_of_date_outside_the_chosen_period_is_refused(personas, world):
    period = PeriodFactory(name="Now", start_date=TODAY - 10 * DAY, end_date=TODAY + 10 * DAY)
    with pytest.raises(ValidationError) as exc:
        _post(world.action, personas.staff, as_of=TODAY - 30 * DAY, period=period)
    assert "as_of" in exc.value.message_dict
    assert not world.action.updates.exclude(pk=world.update.pk).exists()


def test_completed_below_100_needs_confirmation_on_an_update(client, personas, world):
    client.force_login(personas.staff)
    url = reverse("plans:update_create", args=[world.action.pk])
    data = {
        "version": world.action.version, "status": "completed", "percent_complete": "90", "summary": "Done.",
        "status_reason": "Finished.", "as_of": TODAY.isoformat(),
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 400 and "confirm_incomplete" in response.context["form"].errors
    assert client.post(url, data | {"confirm_incomplete": "on"}).status_code == 302
    world.action.refresh_from_db()
    assert (world.action.status, world.action.percent_complete) == ("completed", 90)


def test_percent_may_be_left_empty(personas, world):
    _post(world.action, personas.staff, percent_complete=None)
    world.action.refresh_from_db()
    assert world.action.percent_complete is None


# --- corrections -------------------------------------------------------------------------------------------------


def test_a_correction_supersedes_the_update_and_the_action_follows_the_latest_kept_one(personas, world):
    wrong = _post(world.action, personas.staff, status="off_track", percent_complete=80, status_reason="Typo.")
    world.action.refresh_from_db()
    correction = update_correct(
        author=personas.manager, update=wrong, version=world.action.version, status="on_track",
        percent_complete=8, summary="Work done.", correction_reason="80 should have been 8; not off track.",
    )  # fmt: skip
    wrong.refresh_from_db()
    assert correction.supersedes == wrong and wrong.summary == "Work done."  # never edited
    assert wrong.correction == correction
    world.action.refresh_from_db()
    assert (world.action.status, world.action.percent_complete) == ("on_track", 8)
    assert world.action.history.first().history_user == personas.manager  # audited
    with pytest.raises(ValidationError):  # a corrected update is corrected through its correction
        update_correct(
            author=personas.manager, update=wrong, version=None, status="on_track", percent_complete=8,
            summary="x", correction_reason="again",
        )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():  # and the database holds one correction an update
        UpdateFactory(action=world.action, author=personas.manager, supersedes=wrong, summary="A second one.")
    assert ProgressUpdate.objects.filter(supersedes=wrong).count() == 1


def test_the_timeline_shows_both_and_marks_the_corrected_one(client, personas, world):
    client.force_login(personas.staff)
    url = reverse("plans:update_correct", args=[world.update.pk])
    data = {
        "version": world.action.version, "status": "on_track", "percent_complete": "25", "summary": "Work started.",
        "correction_reason": "The percent was wrong.", "as_of": TODAY.isoformat(),
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    html = client.get(reverse("plans:action_detail", args=[world.action.pk])).content.decode()
    assert "Corrected on" in html and "by Sam Staff" in html
    assert "Correction of the update of" in html and "The percent was wrong." in html
    assert ProgressUpdate.objects.filter(action=world.action).count() == 2


def test_a_stale_correction_is_refused(client, personas, world):
    client.force_login(personas.staff)
    url = reverse("plans:update_correct", args=[world.update.pk])
    data = {
        "version": world.action.version - 1 if world.action.version > 1 else 999, "status": "on_track",
        "percent_complete": "25", "summary": "x", "correction_reason": "y", "as_of": TODAY.isoformat(),
    }  # fmt: skip
    assert client.post(url, data).status_code == 409
    assert not ProgressUpdate.objects.filter(supersedes=world.update).exists()


# --- cancelling ---------------------------------------------------------------------------------------------------


def test_cancel_needs_a_reason_and_keeps_the_action_struck_through_and_out_of_rollups(client, personas, world):
    client.force_login(personas.manager)
    url = reverse("plans:action_cancel", args=[world.action.pk])
    response = client.post(url, {"version": world.action.version, "reason": "", "confirm": "on"})
    assert response.status_code == 400 and "reason" in response.context["form"].errors
    response = client.post(url, {"version": world.action.version, "reason": "Council withdrew it."})
    assert response.status_code == 400 and "confirm" in response.context["form"].errors
    world.action.refresh_from_db()
    assert world.action.status == "on_track" or world.action.status != "cancelled"
    response = client.post(url, {"version": world.action.version, "reason": "Council withdrew it.", "confirm": "on"})
    assert response.status_code == 302
    world.action.refresh_from_db()
    assert (world.action.status, world.action.cancelled_reason) == ("cancelled", "Council withdrew it.")
    assert world.action.updates.filter(status="cancelled", status_reason="Council withdrew it.").exists()
    html = client.get(reverse("plans:plan_actions", args=[world.plan.pk])).content.decode()
    assert f"<del>{world.action.title}</del>" in html and "Cancelled" in html
    tree = plan_tree(plan=world.plan)
    assert (tree["rollup"].total, tree["rollup"].cancelled) == (0, 1)


def test_cancelling_is_refused_to_staff_and_other_departments(client, personas, world):
    for persona in (personas.staff, personas.other_manager):
        client.force_login(persona)
        url = reverse("plans:action_cancel", args=[world.action.pk])
        assert client.post(url, {"reason": "x", "confirm": "on"}).status_code == 403
    world.action.refresh_from_db()
    assert world.action.status != "cancelled"


def test_a_cancelled_action_cannot_be_cancelled_again(personas, world):
    action_cancel(author=personas.manager, action=world.action, version=None, reason="Withdrawn.")
    with pytest.raises(ValidationError):
        action_cancel(author=personas.manager, action=world.action, version=None, reason="Again.")


# --- needing attention first --------------------------------------------------------------------------------------


def test_attention_first_order(personas, world):
    Action.objects.all().delete()
    make = lambda title, **kw: ActionFactory(  # noqa: E731
        plan=world.plan, lead_department=personas.dept, title=title, start_date=None, **kw
    )
    make("later", status="on_track", due_date=TODAY + 90 * DAY)
    make("no due date", status="on_track", due_date=None)
    make("due soon", status="on_track", due_date=TODAY + 10 * DAY)
    make("overdue", status="in_progress", due_date=TODAY - 5 * DAY)
    make("at risk", status="at_risk", due_date=TODAY + 200 * DAY)
    make("off track", status="off_track", due_date=TODAY + 300 * DAY)
    make("completed late", status="completed", due_date=TODAY - 50 * DAY)
    make("ongoing past", status="ongoing", due_date=TODAY - 40 * DAY)
    make("cancelled", status="cancelled", due_date=TODAY - 60 * DAY)
    order = list(Action.objects.order_by(*attention_first(today=TODAY)).values_list("title", flat=True))
    assert order == [
        "off track", "at risk", "overdue", "due soon", "completed late", "ongoing past", "later", "no due date",
        "cancelled",
    ]  # fmt: skip


def test_attention_order_follows_the_legend(personas, world, settings):
    settings.PLANS_DUE_SOON_DAYS = 5
    Action.objects.all().delete()
    ActionFactory(plan=world.plan, title="at risk", status="at_risk", due_date=TODAY + 100 * DAY, start_date=None)
    ActionFactory(plan=world.plan, title="off track", status="off_track", due_date=TODAY + 90 * DAY, start_date=None)
    ActionFactory(plan=world.plan, title="deferred", status="deferred", due_date=TODAY + 80 * DAY, start_date=None)
    ActionFactory(plan=world.plan, title="in 10 days", status="on_track", due_date=TODAY + 10 * DAY, start_date=None)
    StatusLegendEntry.objects.filter(status="at_risk").update(sort_order=1)
    StatusLegendEntry.objects.filter(status="deferred").update(needs_attention=True, sort_order=2)
    order = list(Action.objects.order_by(*attention_first(today=TODAY)).values_list("title", flat=True))
    assert order == ["at risk", "deferred", "off track", "in 10 days"]  # 10 days is not "soon" with 5


def test_the_actions_list_and_tracking_put_actions_needing_attention_first(client, personas, world):
    ActionFactory(plan=world.plan, lead_department=personas.dept, title="Zeta off track", status="off_track")
    client.force_login(personas.manager)
    page = client.get(reverse("plans:plan_actions", args=[world.plan.pk])).context["page_obj"]
    assert page.object_list[0].title == "Zeta off track"
    tracking = client.get(reverse("plans:department_tracking")).context["page_obj"]
    assert tracking.object_list[0].title == "Zeta off track"


def test_update_factory_updates_still_count(personas, world):
    """Updates made before as-of dates (none set) still give the action's status."""
    UpdateFactory(action=world.action, author=personas.staff, status="at_risk")
    _post(world.action, personas.staff, as_of=TODAY)
    assert world.action.updates.count() == 3


# --- query budgets with the new statuses, corrections and the bulk form ------------------------------------------

PAGES = {  # as a manager: the actions page has the bulk edit form (its departments and outcomes: two queries)
    "plan_detail": (lambda w: reverse("plans:plan_detail", args=[w.plan.pk]), 15),
    "plan_actions": (lambda w: reverse("plans:plan_actions", args=[w.plan.pk]), 16),
    "department_tracking": (lambda w: reverse("plans:department_tracking"), 13),
    "dashboard": (lambda w: reverse("dashboard"), 20),
    "action_detail": (lambda w: reverse("plans:action_detail", args=[w.action.pk]), 21),  # +1: following it?
}


@pytest.mark.parametrize("name", PAGES)
def test_changed_pages_constant_queries_as_a_manager(client, personas, world, name):
    from tests.queries import assert_constant_queries

    def grow():
        outcome = OutcomeFactory(result=world.result)
        for status in ("cancelled", "not_reported", "ongoing", "deferred", "in_progress", "off_track"):
            action = ActionFactory(
                plan=world.plan, lead_department=personas.dept, accountable=personas.manager, status=status,
                percent_complete=None if status == "not_reported" else 30, due_date=TODAY - 3 * DAY, start_date=None,
            )  # fmt: skip
            action.outcomes.add(outcome)
        wrong = UpdateFactory(action=world.action, author=personas.staff)
        UpdateFactory(action=world.action, author=personas.manager, supersedes=wrong)
        ActionFactory(plan=world.plan, lead_department=personas.other_dept)

    url, budget = PAGES[name]
    client.force_login(personas.manager)
    count = assert_constant_queries(client, url(world), grow=grow, budget=budget)
    print(f"QUERIES {name}={count}")


def test_export_has_status_as_of_and_source_and_a_blank_percent_when_not_reported(client, personas, world):
    import csv
    import io

    ActionFactory(
        plan=world.plan, lead_department=personas.dept, title="Registry", status="not_reported",
        percent_complete=None, status_as_of=datetime.date(2023, 12, 31), status_source="2023 annual report",
    )  # fmt: skip
    client.force_login(personas.staff)
    response = client.get(reverse("plans:plan_export", args=[world.plan.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    header = rows[0]
    row = next(r for r in rows if r[header.index("Action")] == "Registry")
    assert row[header.index("Percent complete")] == ""
    assert row[header.index("Status")] == "Not reported"
    assert row[header.index("Status as of")] == "2023-12-31"
    assert row[header.index("Status source")] == "2023 annual report"


@pytest.mark.parametrize(
    ("status", "days", "overdue"),
    [
        (ActionStatus.ON_TRACK, -1, True),
        (ActionStatus.ON_TRACK, 0, False),
        (ActionStatus.COMPLETED, -1, False),
        (ActionStatus.CANCELLED, -1, False),
        (ActionStatus.ONGOING, -1, False),
    ],
)
def test_an_action_is_overdue_only_when_past_due_and_still_meant_to_end(status, days, overdue):
    today = timezone.localdate()
    action = Action(status=status, due_date=today + datetime.timedelta(days=days))
    assert action.is_overdue is overdue
    assert Action(status=ActionStatus.ON_TRACK, due_date=None).is_overdue is False


def test_my_actions_does_not_call_a_cancelled_action_overdue(client, personas, world):
    past = timezone.localdate() - datetime.timedelta(days=3)
    ActionFactory(
        plan=world.plan, lead_department=personas.dept, accountable=personas.staff, title="Late open", due_date=past
    )
    ActionFactory(
        plan=world.plan,
        lead_department=personas.dept,
        accountable=personas.staff,
        title="Late cancelled",
        due_date=past,
        status="cancelled",
    )
    client.force_login(personas.staff)
    html = client.get(reverse("plans:my_actions")).content.decode()
    assert html.count("(overdue)") == 1
