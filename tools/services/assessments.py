"""Starting and describing assessments, and commenting on their steps."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from equity.audit import audited_save
from equity.models import User
from equity.permissions import department_ids, is_equity_team
from tools.models import Assessment, Step, StepComment, Template
from tools.notices import worksheet_team_added_notify
from tools.permissions import can_comment_assessment, can_edit_assessment


def _check_department(author: User, department) -> None:
    if not is_equity_team(author) and department.pk not in department_ids(author):
        raise PermissionDenied


def _team_reason(team) -> str:
    """The team as it stands after a change, kept in the history row's reason."""
    names = sorted(member.display_name for member in team)
    return (_("Team: %(names)s") % {"names": ", ".join(names)})[:100]


@transaction.atomic
def assessment_create(*, author: User, template: Template, team=(), **fields) -> Assessment:
    """Start an assessment of one of the user's departments from a published template; the user leads it."""
    if template.status != Template.Status.PUBLISHED:
        raise ValidationError(_("Only published templates can be used for a new assessment."))
    _check_department(author, fields["department"])
    fields.setdefault("lead", author)
    assessment = Assessment(template=template, **fields)
    members = {*team, author}
    audited_save(assessment, author=author, reason=_team_reason(members))
    assessment.team.set(members)
    worksheet_team_added_notify(
        assessment=assessment, added_ids=[m.pk for m in members], new_lead_id=assessment.lead_id, author=author
    )
    return assessment


@transaction.atomic
def assessment_update(*, assessment: Assessment, author: User, team=None, **fields) -> Assessment:
    """Change the header details of a draft assessment."""
    if not can_edit_assessment(author, assessment):
        raise PermissionDenied
    if "department" in fields and fields["department"].pk != assessment.department_id:
        _check_department(author, fields["department"])
    old_lead_id = assessment.lead_id
    for name, value in fields.items():
        setattr(assessment, name, value)
    old_team = set(assessment.team.values_list("pk", flat=True)) if team is not None else set()
    team_changed = team is not None and {m.pk for m in team} != old_team
    audited_save(assessment, author=author, reason=_team_reason(team) if team_changed else None)
    if team is not None:
        assessment.team.set(team)
    added = {m.pk for m in team} - old_team if team is not None else set()
    new_lead_id = assessment.lead_id if assessment.lead_id != old_lead_id else None
    if added or new_lead_id is not None:
        worksheet_team_added_notify(assessment=assessment, added_ids=added, new_lead_id=new_lead_id, author=author)
    return assessment


@transaction.atomic
def step_comment_add(*, assessment: Assessment, step: Step, author: User, body: str) -> StepComment:
    """Add a comment to one step of an assessment."""
    if not can_comment_assessment(author, assessment):
        raise PermissionDenied
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write a comment before posting it.")})
    if len(body) > 4000:
        raise ValidationError({"body": _("Comments are limited to 4000 characters.")})
    comment = StepComment(assessment=assessment, step=step, author=author, body=body)
    audited_save(comment, author=author)
    return comment
