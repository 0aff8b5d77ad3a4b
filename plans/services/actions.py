"""Writes to actions and their progress updates (milestones and measures: `plans.services.milestones`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from equity.audit import audited_save
from equity.concurrency import lock_for_edit
from equity.models import Department, User
from plans.models import (
    Action,
    ActionStatus,
    Outcome,
    ProgressUpdate,
    ReportingPeriod,
)
from plans.models.reporting import UPDATE_TEXT_MAX
from plans.notices.events import action_assigned_notify, action_attention_notify, update_posted_notify
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


def _check_status(
    *, status: str, percent_complete: int | None, confirm_incomplete: bool, cancel_allowed: bool = False
) -> dict[str, str]:
    """Errors of a status and percent as reported: a valid status (cancelling has its own page and reason), a
    percent from 0 to 100 or none, and "Completed" below 100 % only when the person confirms it."""
    errors: dict[str, str] = {}
    if status not in ActionStatus.values or (status == ActionStatus.CANCELLED and not cancel_allowed):
        errors["status"] = _("Choose a valid status.")
    if percent_complete is not None and not 0 <= percent_complete <= 100:
        errors["percent_complete"] = _("Percent complete must be between 0 and 100.")
    elif status == ActionStatus.COMPLETED and (percent_complete or 0) < 100 and not confirm_incomplete:
        errors["confirm_incomplete"] = _(
            "The status is Completed but the percent complete is below 100 %: tick the box to confirm it."
        )
    return errors


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
    status: str = ActionStatus.NOT_STARTED,
    percent_complete: int | None = None,
    status_as_of: date | None = None,
    status_source: str = "",
    confirm_incomplete: bool = False,
    **fields,
) -> Action:
    """Add an action to a plan with its current status, percent complete (none: not reported), the date that
    status is as of and where it comes from (e.g. "2023 annual report"), so entering an existing plan needs no
    made-up progress update per action. A written `timeline` ("FY2023 Q2") sets the timeline dates and, when no due
    date is given, the due date (its end)."""
    fields = _structure(fields, plan=plan, pk=None)
    _check_dates(fields)
    errors = _check_status(status=status, percent_complete=percent_complete, confirm_incomplete=confirm_incomplete)
    if errors:
        raise ValidationError(errors)
    action = Action(plan=plan, **{k: v for k, v in fields.items() if k in ACTION_FIELDS})
    action.status = status
    action.percent_complete = percent_complete
    action.status_as_of = status_as_of or timezone.localdate()
    action.status_source = status_source
    if status == ActionStatus.COMPLETED:
        action.completed_on = action.status_as_of
    checked = _check_outcomes(action, outcomes)
    audited_save(action, author=author)
    action.outcomes.set(checked)
    added = action_set_co_leads(action=action, departments=co_lead_departments) if co_lead_departments else set()
    action_assigned_notify(action=action, author=author, added_co_lead_ids=added)
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
    previous_accountable_id = current.accountable_id
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
    added: set[int] = set()
    if co_lead_departments is not None:
        added = action_set_co_leads(action=current, departments=co_lead_departments)
    action_assigned_notify(
        action=current, author=author, previous_accountable_id=previous_accountable_id, added_co_lead_ids=added
    )
    return current


def period_containing(day: date) -> ReportingPeriod | None:
    """The reporting period whose dates contain `day` (the latest-ending one when periods overlap), if any."""
    return ReportingPeriod.objects.filter(start_date__lte=day, end_date__gte=day).order_by("-end_date", "pk").first()


def latest_update(action: Action) -> ProgressUpdate | None:
    """The update the action's current status follows: the latest by as-of date (then posting time) of those not
    superseded by a correction."""
    return (
        ProgressUpdate.objects.filter(action=action, correction__isnull=True)
        .order_by(F("as_of").desc(nulls_last=True), "-created_at", "-pk")
        .first()
    )


def _follow_latest(*, author: User, action: Action, reason: str = "") -> None:
    """Set the (locked) action's status, percent and as-of date from its latest non-superseded update."""
    latest = latest_update(action)
    if latest is None:
        return
    previous_status = action.status
    action.status = latest.status
    action.percent_complete = latest.percent_complete
    action.status_as_of = latest.as_of
    action.status_source = ""
    if latest.status == ActionStatus.COMPLETED:
        action.completed_on = action.completed_on or latest.as_of
    else:
        action.completed_on = None
    if latest.status == ActionStatus.CANCELLED:
        action.cancelled_reason = latest.status_reason
    action.version += 1
    audited_save(
        action,
        author=author,
        reason=reason[:100],
        update_fields=[
            "status", "percent_complete", "status_as_of", "status_source", "completed_on", "cancelled_reason",
            "version", "updated_at",
        ],
    )  # fmt: skip
    action_attention_notify(action=action, update=latest, previous_status=previous_status, author=author)


def _check_period(*, period: ReportingPeriod | None, as_of: date) -> tuple[ReportingPeriod | None, dict[str, str]]:
    """The period an update goes in: the one chosen (which must contain the as-of date and be open), else the one
    containing the as-of date when it is open."""
    errors: dict[str, str] = {}
    if period is None:
        containing = period_containing(as_of)
        return (containing if containing is not None and containing.is_open else None), errors
    if not period.is_open:
        errors["period"] = _("This reporting period is closed.")
    elif not period.start_date <= as_of <= period.end_date:
        errors["as_of"] = _("The date is outside the reporting period %(name)s (%(start)s to %(end)s).") % {
            "name": period.name,
            "start": period.start_date,
            "end": period.end_date,
        }
    return period, errors


def _check_lengths(**texts: str) -> dict[str, str]:
    """Each text of an update within UPDATE_TEXT_MAX characters, refused with a message (never cut)."""
    return {
        name: _("At most %(max)s characters (this has %(n)s).") % {"max": f"{UPDATE_TEXT_MAX:,}", "n": f"{len(text):,}"}
        for name, text in texts.items()
        if len(text) > UPDATE_TEXT_MAX
    }


@transaction.atomic
def update_post(
    *,
    author: User,
    action: Action,
    version: int | None,
    status: str,
    percent_complete: int | None,
    summary: str,
    barriers: str = "",
    next_steps: str = "",
    status_reason: str = "",
    period: ReportingPeriod | None = None,
    as_of: date | None = None,
    confirm_incomplete: bool = False,
) -> ProgressUpdate:
    """Record a progress update as of a date (today when not given) in the reporting period containing that date,
    and carry the latest update's status and percent to the action; a status change needs a reason. Completed
    below 100 % needs `confirm_incomplete`; cancelling goes through `action_cancel`."""
    current = lock_for_edit(obj=action, revision=version)
    as_of = as_of or timezone.localdate()
    errors = _check_status(status=status, percent_complete=percent_complete, confirm_incomplete=confirm_incomplete)
    if not summary.strip():
        errors["summary"] = _("Say what happened in this period.")
    errors |= _check_lengths(summary=summary, barriers=barriers, next_steps=next_steps, status_reason=status_reason)
    if status != current.status and not status_reason.strip():
        errors["status_reason"] = _("The status changes from %(old)s to %(new)s: write the reason.") % {
            "old": current.get_status_display(),
            "new": ActionStatus(status).label if status in ActionStatus.values else status,
        }
    if as_of > timezone.localdate():
        errors["as_of"] = _("The date cannot be in the future.")
    period, period_errors = _check_period(period=period, as_of=as_of)
    errors |= period_errors
    if errors:
        raise ValidationError(errors)
    update = ProgressUpdate(
        action=current,
        period=period,
        as_of=as_of,
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
    _follow_latest(author=author, action=current, reason=status_reason)
    update_posted_notify(action=current, update=update, author=author)
    return update


@transaction.atomic
def update_correct(
    *,
    author: User,
    update: ProgressUpdate,
    version: int | None,
    status: str,
    percent_complete: int | None,
    summary: str,
    correction_reason: str,
    barriers: str = "",
    next_steps: str = "",
    as_of: date | None = None,
    confirm_incomplete: bool = False,
) -> ProgressUpdate:
    """Correct an update entered by mistake: a new update that supersedes it (both stay in the timeline; the old
    one is never edited). The action's status then follows its latest non-superseded update. `version` is the
    action's, so a correction made from a stale page is refused."""
    current = lock_for_edit(obj=update.action, revision=version)
    original = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
    errors = _check_status(status=status, percent_complete=percent_complete, confirm_incomplete=confirm_incomplete)
    if ProgressUpdate.objects.filter(supersedes=original).exists():
        errors["__all__"] = _("This update was already corrected: correct the correction instead.")
    if original.status == ActionStatus.CANCELLED:
        errors["__all__"] = _("A cancellation cannot be corrected here.")
    if not summary.strip():
        errors["summary"] = _("Say what happened in this period.")
    errors |= _check_lengths(summary=summary, barriers=barriers, next_steps=next_steps, status_reason=correction_reason)
    if not correction_reason.strip():
        errors["correction_reason"] = _("Say what was wrong with the update.")
    as_of = as_of or original.as_of or timezone.localdate()
    if as_of > timezone.localdate():
        errors["as_of"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    correction = ProgressUpdate(
        action=current,
        period=original.period
        if original.period and original.period.start_date <= as_of <= original.period.end_date
        else period_containing(as_of),
        as_of=as_of,
        supersedes=original,
        status=status,
        previous_status=original.previous_status,
        percent_complete=percent_complete,
        summary=summary,
        barriers=barriers,
        next_steps=next_steps,
        status_reason=correction_reason,
        author=author,
    )
    audited_save(correction, author=author, reason=_("Correction")[:100])
    _follow_latest(author=author, action=current, reason=correction_reason)
    update_posted_notify(action=current, update=correction, author=author)
    return correction


@transaction.atomic
def action_cancel(*, author: User, action: Action, version: int | None, reason: str) -> Action:
    """Cancel (withdraw) an action: never deleted, kept struck through and left out of roll-ups. Recorded as a
    progress update with the reason, so the timeline says who cancelled it, when and why."""
    current = lock_for_edit(obj=action, revision=version)
    if current.status == ActionStatus.CANCELLED:
        raise ValidationError(_("This action is already cancelled."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the action is cancelled or withdrawn.")})
    today = timezone.localdate()
    update = ProgressUpdate(
        action=current,
        period=period_containing(today),
        as_of=today,
        status=ActionStatus.CANCELLED,
        previous_status=current.status,
        percent_complete=current.percent_complete,
        summary=_("Cancelled / withdrawn."),
        status_reason=reason,
        author=author,
    )
    audited_save(update, author=author)
    _follow_latest(author=author, action=current, reason=reason)
    update_posted_notify(action=current, update=update, author=author)
    return current


@transaction.atomic
def update_review(*, author: User, update: ProgressUpdate) -> ProgressUpdate:
    """Mark an update reviewed by a manager (the only change an update ever gets)."""
    if update.reviewed_at is not None:
        raise ValidationError(_("This update was already reviewed."))
    update.reviewed_by = author
    update.reviewed_at = timezone.now()
    audited_save(update, author=author, update_fields=["reviewed_by", "reviewed_at", "updated_at"])
    return update
