"""Reads for the links between assessments and plan actions (plans.Action)."""

from __future__ import annotations

from django.db.models import QuerySet

from equity.models import User
from equity.permissions import is_equity_team, managed_department_ids
from plans.models import Action, Plan
from plans.selectors import action_list_for_user, plan_list_for_user
from tools.models import ActionLink, Assessment
from tools.permissions import linkable_department_ids
from tools.selectors import PERSON_FIELDS, assessment_list_for_user


def action_links_for_assessment(*, assessment: Assessment) -> list[ActionLink]:
    """The plan actions linked to an assessment, with their live status, plan and owner."""
    links = ActionLink.objects.filter(assessment=assessment).select_related(
        "action__plan", "action__accountable", "question"
    )
    # The columns tools/_action_links.html shows (an action row is 31 columns, a plan's 14, a person's 21).
    shown = ["assessment", "row_text", "question__code", "action__title", "action__status", "action__percent_complete"]
    shown += ["action__due_date", "action__plan__title", *(f"action__accountable__{f}" for f in PERSON_FIELDS)]
    return list(links.only(*shown))


def assessment_list_for_action(*, user: User, action: Action) -> QuerySet[Assessment]:
    """The assessments an action came from that the user may see, with what the action's page shows of them: title,
    status and department."""
    linked = assessment_list_for_user(user=user).filter(action_links__action=action).distinct()
    return linked.select_related(None).select_related("department").only("title", "status", "department__name")


def plans_for_new_actions(*, user: User) -> QuerySet[Plan]:
    """Plans the user may add actions to (plans.permissions.can_add_action, as a query)."""
    qs = plan_list_for_user(user=user).exclude(status=Plan.Status.ARCHIVED).order_by("title")
    if is_equity_team(user):
        return qs
    return qs.filter(departments__in=managed_department_ids(user)).distinct()


def actions_to_link_for_user(*, user: User, assessment: Assessment) -> QuerySet[Action]:
    """Existing actions the user may see and link, not linked yet: any department's for the equity team, else those
    led by the assessment's department or one the user manages (`tools.permissions.can_link_action`)."""
    qs = action_list_for_user(user=user).exclude(assessment_links__assessment=assessment)
    allowed = linkable_department_ids(user, assessment)
    if allowed is not None:
        qs = qs.filter(lead_department__in=allowed)
    return qs.select_related("plan", "lead_department").order_by("plan__title", "title", "pk")
