"""Telling people about a worksheet's events: added to its team, submitted for review, returned, approved.

Each function is called by a service inside the write's transaction, after the write. Event keys name the change
(the history row of the save, or the status change's row), so raising the same change twice adds nothing while a
second return after a resubmission is a new event.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from equity.models import User
from equity.notifications.services import in_source_language, notify
from tools.models import Assessment, Transition

TEAM_ADDED = "tools.worksheet_team_added"
SUBMITTED = "tools.worksheet_submitted"
RETURNED = "tools.worksheet_returned"
APPROVED = "tools.worksheet_approved"
COMMENT_MAX = 500


def _url(assessment: Assessment) -> str:
    return reverse("tools:assessment_detail", args=[assessment.pk])


def _shortened(text: str, limit: int = COMMENT_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _team_ids(assessment: Assessment) -> set[int]:
    return {assessment.lead_id, *assessment.team.values_list("pk", flat=True)}


def reviewer_ids(assessment: Assessment) -> list[int]:
    """Who may approve or return it (`tools.permissions.can_review_assessment`): the department's managers and the
    equity team (superusers count as the equity team there)."""
    reviewers = User.objects.filter(is_active=True).filter(
        Q(is_equity_team=True) | Q(is_superuser=True) | Q(is_manager=True, departments=assessment.department_id)
    )
    return list(reviewers.values_list("pk", flat=True).distinct())


@in_source_language
def worksheet_team_added_notify(
    *, assessment: Assessment, added_ids: Iterable[int], new_lead_id: int | None, author: User
) -> int:
    """Tell the people just added to the team, and the new lead, once per save of the worksheet (the new lead hears
    that they lead it, not also that they joined)."""
    members = set(added_ids) - {author.pk, new_lead_id}
    leads = [new_lead_id] if new_lead_id is not None and new_lead_id != author.pk else []
    if not members and not leads:
        return 0
    history_id = assessment.history.order_by("-history_id").values_list("history_id", flat=True).first()
    body = _("%(name)s added you. Department: %(department)s.") % {
        "name": author.display_name,
        "department": assessment.department.name,
    }
    added = 0
    for role, people, title in (
        ("lead", leads, _("You now lead the worksheet: %(title)s")),
        ("team", sorted(members), _("You were added to the worksheet's team: %(title)s")),
    ):
        if people:
            added += notify(
                kind=TEAM_ADDED,
                recipients=people,
                target=assessment,
                event_key=f"assessment:{assessment.pk}:{role}:{history_id}",
                title=title % {"title": assessment.title},
                body=body,
                url=_url(assessment),
                actor=author,
            )
    return added


@in_source_language
def worksheet_transition_notify(*, assessment: Assessment, transition: Transition) -> int:
    """Tell the reviewers about a submission, and the lead and team about a return or an approval."""
    if transition.action == Transition.Action.SUBMITTED:
        kind, recipients = SUBMITTED, reviewer_ids(assessment)
        title = _("Worksheet submitted for your review: %(title)s")
        body = _("%(name)s submitted it for review. Department: %(department)s.") % {
            "name": transition.user.display_name,
            "department": assessment.department.name,
        }
    elif transition.action == Transition.Action.RETURNED:
        kind, recipients = RETURNED, list(_team_ids(assessment))
        title = _("Worksheet returned to you: %(title)s")
        body = _shortened(transition.note)
    elif transition.action == Transition.Action.APPROVED:
        kind, recipients = APPROVED, list(_team_ids(assessment))
        title = _("Worksheet approved: %(title)s")
        body = _shortened(transition.note)
    else:
        return 0
    return notify(
        kind=kind,
        recipients=recipients,
        target=assessment,
        event_key=f"assessment:{assessment.pk}:{transition.action}:{transition.pk}",
        title=title % {"title": assessment.title},
        body=body,
        url=_url(assessment),
        actor=transition.user,
    )
