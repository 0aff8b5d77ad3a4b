"""Writes of a plan's structure: reference codes, timelines, co-leads, links and the configurable scales.

Entry points for forms and the spreadsheet import alike: `check_code` (a code free at its level in the plan),
`timeline_fields` (a written timeline into the action's timeline fields, deriving the due date), `action_set_co_leads`,
`action_link_add` / `action_link_remove` and `scale_level_save` / `scale_level_delete`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, QuerySet
from django.utils.translation import gettext as _

from equity.audit import audited_delete, audited_save
from equity.concurrency import lock_for_edit
from equity.models import Department, User
from plans.codes import CodeError, clean_code
from plans.models import Action, ActionLink, Outcome, Plan, Result, ScaleLevel
from plans.models.links import LINKS_PER_ACTION
from plans.timelines import TimelineError, parse_timeline


def check_code(*, plan: Plan | int, level: type[Result | Outcome | Action], code: str, exclude_pk: int | None) -> str:
    """The cleaned code, refused (ValidationError on "code") if malformed or used by another item of the same level
    in the plan. Empty codes are never in conflict."""
    try:
        code = clean_code(code)
    except CodeError as exc:
        raise ValidationError({"code": str(exc)}) from exc
    if not code:
        return code
    plan_id = plan if isinstance(plan, int) else plan.pk
    taken: QuerySet
    if level is Outcome:
        taken = Outcome.objects.filter(result__plan_id=plan_id, code=code)
    elif level is Result:
        taken = Result.objects.filter(plan_id=plan_id, code=code)
    else:
        taken = Action.objects.filter(plan_id=plan_id, code=code)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        message = _("Another item at this level of the plan has the code %(code)s.") % {"code": code}
        raise ValidationError({"code": message})
    return code


def timeline_fields(*, text: str, due_date: date | None, previous_end: date | None = None) -> dict:
    """The action fields a written timeline sets: `timeline` (as shown), `timeline_start`, `timeline_end`, and
    `due_date`. When no due date is given, or the given one is the end the previous timeline derived (it was not
    chosen by a person), the due date becomes the timeline's end. Raises ValidationError on "timeline"."""
    try:
        parsed = parse_timeline(text)
    except TimelineError as exc:
        raise ValidationError({"timeline": str(exc)}) from exc
    fields: dict = {
        "timeline": parsed.text if parsed else "",
        "timeline_start": parsed.start if parsed else None,
        "timeline_end": parsed.end if parsed else None,
        "due_date": due_date,
    }
    derived = due_date is None or (previous_end is not None and due_date == previous_end)
    if derived and parsed is not None and parsed.end is not None:
        fields["due_date"] = parsed.end
    return fields


def action_set_co_leads(*, action: Action, departments: Iterable[Department]) -> set[int]:
    """Set the co-lead departments (the lead department itself is never a co-lead); the m2m history records it.
    Returns the ids of the departments added (plans.notices tells their managers)."""
    before = set(action.co_lead_departments.values_list("pk", flat=True))
    chosen = [d for d in departments if d.pk != action.lead_department_id]
    action.co_lead_departments.set(chosen)
    return {d.pk for d in chosen} - before


@transaction.atomic
def action_link_add(*, author: User, action: Action, url: str, label: str) -> ActionLink:
    """Add a link (http or https) with its label to an action; at most LINKS_PER_ACTION per action."""
    if ActionLink.objects.filter(action=action).count() >= LINKS_PER_ACTION:
        raise ValidationError(_("An action has at most %(n)d links.") % {"n": LINKS_PER_ACTION})
    link = ActionLink(action=action, url=url.strip(), label=label.strip())
    link.full_clean(exclude=["action"])
    audited_save(link, author=author)
    return link


@transaction.atomic
def action_link_remove(*, author: User, link: ActionLink) -> None:
    """Remove a link; its history row keeps it and who removed it."""
    audited_delete(link, author=author)


@transaction.atomic
def scale_level_save(*, author: User, level: ScaleLevel) -> ScaleLevel:
    """Create or rename/reorder a scale level; labels are unique within their scale."""
    label = level.label.strip()
    if not label:
        raise ValidationError({"label": _("Give the level a label.")})
    if ScaleLevel.objects.filter(kind=level.kind, label__iexact=label).exclude(pk=level.pk).exists():
        raise ValidationError({"label": _("This scale already has a level with this label.")})
    if level.pk:
        lock_for_edit(obj=level, revision=None)
    level.label = label
    audited_save(level, author=author)
    return level


@transaction.atomic
def scale_level_delete(*, author: User, level: ScaleLevel) -> None:
    """Remove a level no action uses; a level in use is refused with a message."""
    in_use = Action.objects.filter(**{level.kind: level}).exists()
    if in_use:
        raise ValidationError(_("Actions use this level: give them another level first, or rename it."))
    try:
        audited_delete(level, author=author)
    except ProtectedError as exc:  # a concurrent edit picked it
        raise ValidationError(_("Actions use this level.")) from exc
