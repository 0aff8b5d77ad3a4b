"""Writes to actions, their milestones and performance measures, and progress updates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from equity.audit import audited_save
from equity.concurrency import lock_for_edit
from equity.models import Department, User
from plans.models import (
    Action,
    ActionStatus,
    MeasureDataPoint,
    Milestone,
    Outcome,
    PerformanceMeasure,
    ProgressUpdate,
    ReportingPeriod,
)
from plans.services.structure import action_set_co_leads, check_code, timeline_fields

ACTION_FIELDS = (
    "code", "title", "description", "lead_department", "accountable", "co_lead_teams", "partners",
    "measure_of_success", "timeline", "timeline_start", "timeline_end", "start_date", "due_date", "priority",
    "effort", "impact", "expected_impact", "staff_time", "cost",
)  # fmt: skip


def _check_dates(fields: dict) -> None:
    start, due = fields.get("start_date"), fields.get("due_date")
    if start and due and due < start:
        raise ValidationError({"due_date": _("The due date cannot be before the start date.")})


def _check_outcomes(action: Action, outcomes: Iterable[Outcome]) -> list[Outcome]:
    outcomes = list(outcomes)
    if any(o.result.plan_id != action.plan_id for o in outcomes):
        raise ValidationError({"outcomes": _("Outcomes must belong to the same plan as the action.")})
    return outcomes


def _structure(fields: dict, *, plan, pk: int | None, previous_end=None) -> dict:
    """Clean the code and expand a written timeline (plans.services.structure); collects both errors."""
    errors: dict = {}
    out = dict(fields)
    if "code" in fields:
        try:
            out["code"] = check_code(plan=plan, level=Action, code=fields["code"] or "", exclude_pk=pk)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if "timeline" in fields:
        try:
            out |= timeline_fields(
                text=fields["timeline"] or "", due_date=fields.get("due_date"), previous_end=previous_end
            )
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return out


@transaction.atomic
def action_create(
    *,
    author: User,
    plan,
    outcomes: Iterable[Outcome] = (),
    co_lead_departments: Iterable[Department] = (),
    **fields,
) -> Action:
    """Add an action to a plan; it starts as Not started at 0%. A written `timeline` ("FY2023 Q2") sets the
    timeline dates and, when no due date is given, the due date (its end)."""
    fields = _structure(fields, plan=plan, pk=None)
    _check_dates(fields)
    action = Action(plan=plan, **{k: v for k, v in fields.items() if k in ACTION_FIELDS})
    checked = _check_outcomes(action, outcomes)
    audited_save(action, author=author)
    action.outcomes.set(checked)
    action_set_co_leads(action=action, departments=co_lead_departments)
    return action


@transaction.atomic
def action_update(
    *,
    author: User,
    action: Action,
    version: int | None,
    outcomes: Iterable[Outcome] | None = None,
    co_lead_departments: Iterable[Department] | None = None,
    **fields,
) -> Action:
    """Change an action's plan fields, refusing a stale form. Status and percent change only through updates. A due
    date the old timeline derived follows a changed timeline (plans.services.structure.timeline_fields)."""
    current = lock_for_edit(obj=action, revision=version)
    if "timeline" in fields and "due_date" not in fields:
        fields["due_date"] = current.due_date
    fields = _structure(fields, plan=current.plan_id, pk=current.pk, previous_end=current.timeline_end)
    _check_dates({f: getattr(current, f) for f in ACTION_FIELDS} | fields)
    for name in ACTION_FIELDS:
        if name in fields:
            setattr(current, name, fields[name])
    current.version += 1
    audited_save(current, author=author)
    if outcomes is not None:
        current.outcomes.set(_check_outcomes(current, outcomes))
    if co_lead_departments is not None:
        action_set_co_leads(action=current, departments=co_lead_departments)
    return current


@transaction.atomic
def update_post(
    *,
    author: User,
    action: Action,
    version: int | None,
    status: str,
    percent_complete: int,
    summary: str,
    barriers: str = "",
    next_steps: str = "",
    status_reason: str = "",
    period: ReportingPeriod | None = None,
) -> ProgressUpdate:
    """Record a progress update and carry its status and percent to the action; a status change needs a reason."""
    current = lock_for_edit(obj=action, revision=version)
    errors: dict[str, str] = {}
    if status not in ActionStatus.values:
        errors["status"] = _("Choose a valid status.")
    if not 0 <= percent_complete <= 100:
        errors["percent_complete"] = _("Percent complete must be between 0 and 100.")
    if not summary.strip():
        errors["summary"] = _("Say what happened in this period.")
    if status != current.status and not status_reason.strip():
        errors["status_reason"] = _("The status changes from %(old)s to %(new)s: write the reason.") % {
            "old": current.get_status_display(),
            "new": ActionStatus(status).label if status in ActionStatus.values else status,
        }
    if period is not None and not period.is_open:
        errors["period"] = _("This reporting period is closed.")
    if errors:
        raise ValidationError(errors)
    update = ProgressUpdate(
        action=current,
        period=period,
        status=status,
        previous_status=current.status,
        percent_complete=percent_complete,
        summary=summary,
        barriers=barriers,
        next_steps=next_steps,
        status_reason=status_reason,
        author=author,
    )
    audited_save(update, author=author)
    current.status = status
    current.percent_complete = percent_complete
    current.completed_on = timezone.localdate() if status == ActionStatus.COMPLETED else None
    current.version += 1
    audited_save(
        current,
        author=author,
        reason=status_reason[:100] if status_reason else "",
        update_fields=["status", "percent_complete", "completed_on", "version", "updated_at"],
    )
    return update


@transaction.atomic
def update_review(*, author: User, update: ProgressUpdate) -> ProgressUpdate:
    """Mark an update reviewed by a manager (the only change an update ever gets)."""
    if update.reviewed_at is not None:
        raise ValidationError(_("This update was already reviewed."))
    update.reviewed_by = author
    update.reviewed_at = timezone.now()
    audited_save(update, author=author, update_fields=["reviewed_by", "reviewed_at", "updated_at"])
    return update


@transaction.atomic
def milestone_save(*, author: User, milestone: Milestone, version: int | None = None) -> Milestone:
    """Create or change a milestone; an edit from a form older than the record is refused (StaleEdit)."""
    if milestone.pk:
        milestone.version = lock_for_edit(obj=milestone, revision=version).version + 1
    audited_save(milestone, author=author)
    return milestone


@transaction.atomic
def milestone_set_done(*, author: User, milestone: Milestone, done_on: date | None) -> Milestone:
    """Mark a milestone done on a date, or not done (None)."""
    milestone.version = lock_for_edit(obj=milestone, revision=None).version + 1
    milestone.done_on = done_on
    audited_save(milestone, author=author, update_fields=["done_on", "version", "updated_at"])
    return milestone


@transaction.atomic
def measure_save(*, author: User, measure: PerformanceMeasure, version: int | None = None) -> PerformanceMeasure:
    """Create or change a performance measure; an edit from a form older than the record is refused (StaleEdit)."""
    if measure.pk:
        measure.version = lock_for_edit(obj=measure, revision=version).version + 1
    audited_save(measure, author=author)
    return measure


@transaction.atomic
def measure_point_add(
    *, author: User, measure: PerformanceMeasure, period_label: str, period_end: date, value: Decimal, group=None
) -> MeasureDataPoint:
    """Record a measure's value for a period (and group); one value per period and group."""
    duplicate = MeasureDataPoint.objects.filter(measure=measure, period_end=period_end, group=group).exists()
    if duplicate:
        raise ValidationError({"period_end": _("There is already a value for this period and group.")})
    point = MeasureDataPoint(
        measure=measure, period_label=period_label, period_end=period_end, value=value, group=group
    )
    audited_save(point, author=author)
    return point
