"""Plan, action, update and period services: validation, audit authors and the stale-edit refusal."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from equity.concurrency import StaleEdit
from plans.models import Action, Plan, ProgressUpdate, RacialGroup
from plans.services.actions import action_create, action_update, update_post, update_review
from plans.services.indicators import indicator_data_save, indicator_update
from plans.services.periods import period_open
from plans.services.plans import plan_create, plan_update
from tests.plans.factories import ActionFactory, IndicatorFactory, PeriodFactory, PlanFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_plan_create_records_author_and_departments(personas):
    plan = plan_create(
        author=personas.manager, departments=[personas.dept], title="Housing", scope="department",
        period_start=D(2026, 1, 1), period_end=D(2027, 12, 31), status=Plan.Status.DRAFT,
    )  # fmt: skip
    assert plan.owner == personas.manager
    assert list(plan.departments.all()) == [personas.dept]
    assert plan.history.first().history_user == personas.manager


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"period_start": D(2027, 1, 1), "period_end": D(2026, 1, 1), "status": "draft"}, "period_end"),
        ({"period_start": D(2026, 1, 1), "period_end": D(2027, 1, 1), "status": "adopted"}, "adopted_on"),
    ],
)
def test_plan_create_refuses_bad_dates(personas, fields, field):
    with pytest.raises(ValidationError) as info:
        plan_create(author=personas.manager, departments=[personas.dept], title="X", **fields)
    assert field in info.value.message_dict


def test_plan_update_refuses_stale_version_and_says_what_changed(personas):
    plan = PlanFactory(departments=[personas.dept])
    plan_update(author=personas.manager, plan=plan, version=1, departments=[personas.dept], title="Renamed by Mia")
    with pytest.raises(StaleEdit) as info:
        plan_update(author=personas.equity, plan=plan, version=1, departments=[personas.dept], title="Eli's title")
    message = info.value.messages[0]
    assert "Mia Manager" in message and "Renamed by Mia" in message
    plan.refresh_from_db()
    assert plan.title == "Renamed by Mia" and plan.version == 2


def test_action_update_stale_refused_and_nothing_overwritten(personas):
    action = ActionFactory(lead_department=personas.dept)
    action_update(author=personas.manager, action=action, version=1, title="First save")
    with pytest.raises(StaleEdit, match="First save"):
        action_update(author=personas.equity, action=action, version=1, title="Second save")
    action.refresh_from_db()
    assert action.title == "First save"
    assert action.history.count() == 2  # created + first save only


def test_action_create_refuses_due_before_start_and_foreign_outcomes(personas):
    plan = PlanFactory()
    with pytest.raises(ValidationError) as info:
        action_create(
            author=personas.manager, plan=plan, title="A", lead_department=personas.dept,
            start_date=D(2026, 5, 1), due_date=D(2026, 4, 1),
        )  # fmt: skip
    assert "due_date" in info.value.message_dict
    from tests.plans.factories import OutcomeFactory

    with pytest.raises(ValidationError) as info:
        action_create(
            author=personas.manager, plan=plan, title="A", lead_department=personas.dept, outcomes=[OutcomeFactory()]
        )
    assert "outcomes" in info.value.message_dict


def test_update_post_status_change_needs_reason(personas):
    action = ActionFactory(lead_department=personas.dept)
    with pytest.raises(ValidationError) as info:
        update_post(
            author=personas.staff, action=action, version=1, status="at_risk", percent_complete=10, summary="Slow"
        )
    assert "status_reason" in info.value.message_dict
    assert not ProgressUpdate.objects.exists()


def test_update_post_refuses_percent_out_of_range_and_closed_period(personas):
    action = ActionFactory(lead_department=personas.dept)
    closed = PeriodFactory(is_open=False)
    with pytest.raises(ValidationError) as info:
        update_post(
            author=personas.staff, action=action, version=None, status="not_started", percent_complete=101,
            summary="x", period=closed,
        )  # fmt: skip
    assert {"percent_complete", "period"} <= set(info.value.message_dict)


def test_update_post_carries_status_to_action_and_keeps_history(personas):
    action = ActionFactory(lead_department=personas.dept)
    first = update_post(
        author=personas.staff, action=action, version=1, status="at_risk", percent_complete=30,
        summary="Partner delayed", status_reason="Funding delayed",
    )  # fmt: skip
    action.refresh_from_db()
    assert (action.status, action.percent_complete, action.version) == ("at_risk", 30, 2)
    assert first.previous_status == "not_started" and first.status_changed
    assert action.history.first().history_user == personas.staff
    update_post(author=personas.staff, action=action, version=2, status="completed", percent_complete=100,
                summary="Done", status_reason="All milestones met")  # fmt: skip
    action.refresh_from_db()
    assert action.completed_on is not None
    assert action.updates.count() == 2  # kept as a history
    with pytest.raises(StaleEdit):
        update_post(author=personas.manager, action=action, version=2, status="completed", percent_complete=100,
                    summary="Late")  # fmt: skip


def test_update_review_once(personas):
    action = ActionFactory(lead_department=personas.dept)
    update = update_post(
        author=personas.staff, action=action, version=None, status="not_started", percent_complete=0, summary="x"
    )
    update_review(author=personas.manager, update=update)
    assert update.reviewed_by == personas.manager
    with pytest.raises(ValidationError):
        update_review(author=personas.manager, update=update)


def test_indicator_update_target_year_before_baseline_refused(personas):
    indicator = IndicatorFactory()
    with pytest.raises(ValidationError) as info:
        indicator_update(author=personas.equity, indicator=indicator, version=1, target_year=2010)
    assert "target_year" in info.value.message_dict


def test_indicator_grid_save_upserts_deletes_and_checks_version(personas):
    indicator = IndicatorFactory()
    black, white = RacialGroup.objects.get(code="black"), RacialGroup.objects.get(code="white")
    indicator_data_save(
        author=personas.equity, indicator=indicator, version=1,
        values={(2020, black.pk): Decimal("24"), (2020, white.pk): Decimal("74")},
    )  # fmt: skip
    indicator_data_save(
        author=personas.equity, indicator=indicator, version=2,
        values={(2020, black.pk): Decimal("25"), (2020, white.pk): None},
    )  # fmt: skip
    assert list(indicator.data_points.values_list("group__code", "value")) == [("black", Decimal("25"))]
    point = indicator.data_points.get()
    assert point.history.first().history_user == personas.equity
    with pytest.raises(StaleEdit):
        indicator_data_save(author=personas.manager, indicator=indicator, version=2, values={})


def test_period_open_validation(personas):
    with pytest.raises(ValidationError) as info:
        period_open(author=personas.equity, name="2026 Q4", start_date=D(2026, 10, 1), end_date=D(2026, 9, 1),
                    due_date=D(2026, 9, 1))  # fmt: skip
    assert {"end_date", "due_date"} <= set(info.value.message_dict)
    period_open(author=personas.equity, name="2026 Q4", start_date=D(2026, 10, 1), end_date=D(2026, 12, 31),
                due_date=D(2027, 1, 15))  # fmt: skip
    with pytest.raises(ValidationError, match="already"):
        period_open(author=personas.equity, name="2026 q4", start_date=D(2026, 10, 1), end_date=D(2026, 12, 31),
                    due_date=D(2027, 1, 15))  # fmt: skip


def test_action_percent_constraint_in_database():
    from django.db import IntegrityError, transaction

    action = ActionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(percent_complete=150)
