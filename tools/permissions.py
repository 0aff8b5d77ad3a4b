"""Who may see and do what with equity assessments and templates (built on equity.permissions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from equity.models import User
from equity.permissions import can_manage_department, is_equity_team, managed_department_ids
from tools.models import Assessment, Template

if TYPE_CHECKING:
    from plans.models import Action


def is_on_team(user: User, assessment: Assessment) -> bool:
    """The lead or a team member; uses `team_ids` or `team_membership` when the selector set them."""
    if not user.is_authenticated:
        return False
    if assessment.lead_id == user.pk:
        return True
    known: bool | None = getattr(assessment, "team_membership", {}).get(user.pk)
    if known is not None:
        return known
    team_ids: set[int] | None = getattr(assessment, "team_ids", None)
    if team_ids is None:
        team_ids = set(assessment.team.values_list("pk", flat=True))
    return user.pk in team_ids


def can_edit_assessment(user: User, assessment: Assessment) -> bool:
    """Team, the department's managers and the equity team edit drafts; nobody edits in review or completed."""
    if assessment.status != Assessment.Status.DRAFT:
        return False
    return is_on_team(user, assessment) or can_manage_department(user, assessment.department_id)


def can_submit_assessment(user: User, assessment: Assessment) -> bool:
    return can_edit_assessment(user, assessment)


def can_review_assessment(user: User, assessment: Assessment) -> bool:
    """A manager of the department or the equity team approves or returns an assessment in review."""
    return assessment.status == Assessment.Status.IN_REVIEW and can_manage_department(user, assessment.department_id)


def can_reopen_assessment(user: User, assessment: Assessment) -> bool:
    return assessment.status == Assessment.Status.COMPLETED and can_manage_department(user, assessment.department_id)


def can_comment_assessment(user: User, assessment: Assessment) -> bool:
    """The team and the reviewers comment on steps until the assessment is completed."""
    if assessment.status == Assessment.Status.COMPLETED:
        return False
    return is_on_team(user, assessment) or can_manage_department(user, assessment.department_id)


def can_manage_templates(user: User) -> bool:
    """The equity team copies, edits, publishes and retires templates."""
    return is_equity_team(user)


def can_edit_template(user: User, template: Template) -> bool:
    """Only draft versions change; published ones stay as the assessments that used them saw them."""
    return can_manage_templates(user) and template.status == Template.Status.DRAFT


def can_link_actions(user: User, assessment: Assessment) -> bool:
    """The team, the department's managers and the equity team turn strategies into plan actions, at any stage
    (strategies often become actions after sign-off)."""
    return is_on_team(user, assessment) or can_manage_department(user, assessment.department_id)


def linkable_department_ids(user: User, assessment: Assessment) -> set[int] | None:
    """Lead departments of the actions the user may link to the assessment: None for every department (the equity
    team, city-wide); otherwise the assessment's department and the departments the user manages."""
    if is_equity_team(user):
        return None
    return {assessment.department_id} | managed_department_ids(user)


def can_link_action(user: User, assessment: Assessment, action: Action) -> bool:
    """Linking this existing action: someone who may link the assessment's strategies, to an action led by a
    department they may link to (any, for the equity team)."""
    if not can_link_actions(user, assessment):
        return False
    allowed = linkable_department_ids(user, assessment)
    return allowed is None or action.lead_department_id in allowed


def can_send_table(user: User, assessment: Assessment) -> bool:
    """Sending a data table to a plan indicator, at any stage: the team, the department's managers and the equity
    team (the indicator itself must be one they may edit: plans.permissions.can_edit_indicator)."""
    return is_on_team(user, assessment) or can_manage_department(user, assessment.department_id)
