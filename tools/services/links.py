"""Turning an assessment's strategies into plan actions: create a new action, or link an existing one."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from equity.audit import audited_delete, audited_save
from equity.models import User
from plans.models import Action, Plan
from plans.permissions import can_add_action
from plans.services.actions import action_create
from tools.answer_rules import TamperedAnswer
from tools.cells import cell_text
from tools.models import ActionLink, Answer, Assessment, Question
from tools.permissions import can_link_action, can_link_actions


def strategy_row(*, assessment: Assessment, question: Question | None, row: int | None) -> str:
    """The text of the chosen table row (its first cell); a row that does not exist is tampering."""
    if question is None:
        return ""
    if question.step.template_id != assessment.template_id or not question.links_actions:
        raise TamperedAnswer("not a strategy table of this assessment")
    answer = Answer.objects.filter(assessment=assessment, question=question).first()
    rows = answer.value if answer and isinstance(answer.value, list) else []
    if row is None or not 0 <= row < len(rows):
        raise TamperedAnswer("no such row")
    first_key = question.columns[0]["key"]
    return cell_text(rows[row].get(first_key, ""))[:500]


def _link(*, assessment: Assessment, action: Action, author: User, question: Question | None, row_text: str):
    if ActionLink.objects.filter(assessment=assessment, action=action).exists():
        raise ValidationError(_("This action is already linked to the assessment."))
    link = ActionLink(assessment=assessment, action=action, question=question, row_text=row_text, created_by=author)
    audited_save(link, author=author)
    return link


@transaction.atomic
def action_link_existing(
    *, assessment: Assessment, action: Action, author: User, question: Question | None = None, row: int | None = None
) -> ActionLink:
    """Link an action to the assessment (and the strategy row it carries out): any action for the equity team,
    city-wide; for others an action of the assessment's department or one they manage."""
    if not can_link_action(author, assessment, action):
        raise PermissionDenied
    row_text = strategy_row(assessment=assessment, question=question, row=row)
    return _link(assessment=assessment, action=action, author=author, question=question, row_text=row_text)


@transaction.atomic
def action_create_from_assessment(
    *,
    assessment: Assessment,
    plan: Plan,
    author: User,
    title: str,
    question: Question | None = None,
    row: int | None = None,
    **fields,
) -> ActionLink:
    """Create a plan action led by the assessment's department, and link it: the strategy gets an owner and dates."""
    if not can_link_actions(author, assessment) or not can_add_action(author, plan):
        raise PermissionDenied
    row_text = strategy_row(assessment=assessment, question=question, row=row)
    # The title stays out of the description: the assessment may be a draft or confidential.
    description = _("From a racial equity assessment of %(dept)s.") % {"dept": assessment.department.name}
    if row_text and row_text != title:
        description = f"{row_text}\n\n{description}"
    action = action_create(
        author=author, plan=plan, title=title, description=description, lead_department=assessment.department, **fields
    )
    return _link(assessment=assessment, action=action, author=author, question=question, row_text=row_text)


@transaction.atomic
def action_unlink(*, link: ActionLink, author: User) -> None:
    """Remove the link (the plan action itself stays in its plan)."""
    if not can_link_actions(author, link.assessment):
        raise PermissionDenied
    audited_delete(link, author=author)
