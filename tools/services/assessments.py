"""Starting and describing assessments, and commenting on their steps."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from equity.audit import audited_save
from equity.models import User
from equity.permissions import department_ids, is_equity_team
from tools.models import Assessment, Step, StepComment, Template
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
    return assessment


@transaction.atomic
def assessment_update(*, assessment: Assessment, author: User, team=None, **fields) -> Assessment:
    """Change the header details of a draft assessment."""
    if not can_edit_assessment(author, assessment):
        raise PermissionDenied
    if "department" in fields and fields["department"].pk != assessment.department_id:
        _check_department(author, fields["department"])
    for name, value in fields.items():
        setattr(assessment, name, value)
    team_changed = team is not None and {m.pk for m in team} != set(assessment.team.values_list("pk", flat=True))
    audited_save(assessment, author=author, reason=_team_reason(team) if team_changed else None)
    if team is not None:
        assessment.team.set(team)
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
