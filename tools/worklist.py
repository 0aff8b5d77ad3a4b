"""What waits for whom: a draft its reviewer returned with comments (since its last submission) waits for its team;
an assessment in review waits for the reviewers who may approve or return it. Shown as text, never colour alone."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from equity.models import User
from equity.status import status_tone
from tools.models import Assessment, Transition
from tools.permissions import can_review_assessment, is_on_team


@dataclass(frozen=True)
class WorklistStatus:
    """The status a person sees for an assessment: its text, its badge tone, and whether it waits for them."""

    label: str
    tone: str
    waits_for_you: bool = False


def with_worklist(qs: QuerySet[Assessment], *, user: User) -> QuerySet[Assessment]:
    """Annotate `last_action` (the latest status change's action) and `user_on_team` (lead or team member): two
    subqueries in the list's own query, so the page keeps its query count."""
    last = Transition.objects.filter(assessment_id=OuterRef("pk")).order_by("-created_at", "-pk").values("action")
    on_team = Q(lead_id=user.pk) | Exists(
        Assessment.team.through.objects.filter(assessment_id=OuterRef("pk"), user_id=user.pk)
    )
    return qs.annotate(
        last_action=Subquery(last[:1]), user_on_team=ExpressionWrapper(on_team, output_field=BooleanField())
    )


def is_returned(assessment: Assessment, *, last_action: str | None) -> bool:
    """A draft whose latest status change is a return: the reviewer's comments are not answered by a new submission."""
    return assessment.status == Assessment.Status.DRAFT and last_action == Transition.Action.RETURNED


def worklist_status(
    assessment: Assessment, *, user: User, last_action: str | None = None, on_team: bool | None = None
) -> WorklistStatus:
    """The text and tone of an assessment's status for `user` ("Returned to you with comments", "Waiting for your
    review", else the plain status). Uses the `with_worklist` annotations when given none."""
    if last_action is None:
        last_action = getattr(assessment, "last_action", None)
    if on_team is None:
        on_team = getattr(assessment, "user_on_team", None)
        if on_team is None:
            on_team = is_on_team(user, assessment)
    if is_returned(assessment, last_action=last_action):
        if on_team:
            return WorklistStatus(_("Returned to you with comments"), "warning", waits_for_you=True)
        return WorklistStatus(_("Returned with comments"), "warning")
    if can_review_assessment(user, assessment):
        return WorklistStatus(_("Waiting for your review"), "warning", waits_for_you=True)
    return WorklistStatus(str(assessment.get_status_display()), status_tone(assessment.status, default="info"))


def attach_worklist(assessments, *, user: User) -> list[Assessment]:
    """Set `worklist` on each assessment of an annotated page (no queries)."""
    rows = list(assessments)
    for assessment in rows:
        assessment.worklist = worklist_status(assessment, user=user)  # display only, not a field
    return rows
