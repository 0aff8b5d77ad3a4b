"""The review lifecycle: draft → in review → completed (→ reopened to draft), every change recorded."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from equity.audit import audited_save
from equity.models import User
from tools.models import Assessment, Review, Transition
from tools.notices import worksheet_transition_notify
from tools.permissions import can_reopen_assessment, can_review_assessment, can_submit_assessment
from tools.selectors import assessment_steps

NOTE_CAP = 4000


def _locked(assessment: Assessment) -> Assessment:
    fresh = Assessment.objects.select_for_update().get(pk=assessment.pk)
    assessment.status = fresh.status
    return assessment


def _move(*, assessment: Assessment, author: User, to: str, action: str, note: str = "", **fields) -> Transition:
    from_status = assessment.status
    assessment.status = to
    for name, value in fields.items():
        setattr(assessment, name, value)
    audited_save(assessment, author=author)
    transition = Transition(
        assessment=assessment, from_status=from_status, to_status=to, action=action, note=note, user=author
    )
    audited_save(transition, author=author)
    worksheet_transition_notify(assessment=assessment, transition=transition)
    return transition


def _note(text: str, *, required: bool, label: str) -> str:
    text = (text or "").strip()
    if required and not text:
        raise ValidationError({"note": _("%(label)s: please write a note.") % {"label": label}})
    if len(text) > NOTE_CAP:
        raise ValidationError(
            {"note": _("%(label)s is limited to %(cap)s characters.") % {"label": label, "cap": NOTE_CAP}}
        )
    return text


def missing_answers(*, assessment: Assessment) -> list[tuple]:
    """(step, [unanswered required questions]) for every step that still has some."""
    return [(step, step.missing) for step in assessment_steps(assessment=assessment) if step.missing]


@transaction.atomic
def assessment_submit(*, assessment: Assessment, author: User) -> Transition:
    """Send a draft for review once every required question is answered."""
    assessment = _locked(assessment)
    if not can_submit_assessment(author, assessment):
        raise PermissionDenied
    missing = missing_answers(assessment=assessment)
    if missing:
        count = sum(len(questions) for _step, questions in missing)
        raise ValidationError(
            _("%(n)s required answers are missing. Answer them, then submit again.") % {"n": count}, code="missing"
        )
    return _move(
        assessment=assessment,
        author=author,
        to=Assessment.Status.IN_REVIEW,
        action="submitted",
        submitted_at=timezone.now(),
    )


@transaction.atomic
def assessment_approve(
    *, assessment: Assessment, author: User, sign_off_note: str, recommendations: str = ""
) -> Review:
    """Approve an assessment in review with a sign-off note: it becomes completed and read-only."""
    assessment = _locked(assessment)
    if not can_review_assessment(author, assessment):
        raise PermissionDenied
    note = _note(sign_off_note, required=True, label=_("Sign-off note"))
    recommendations = _note(recommendations, required=False, label=_("Recommendations"))
    review = Review(
        assessment=assessment,
        reviewer=author,
        decision=Review.Decision.APPROVED,
        sign_off_note=note,
        recommendations=recommendations,
    )
    audited_save(review, author=author)
    _move(
        assessment=assessment,
        author=author,
        to=Assessment.Status.COMPLETED,
        action="approved",
        note=note,
        completed_at=timezone.now(),
    )
    return review


@transaction.atomic
def assessment_return(*, assessment: Assessment, author: User, comments: str) -> Review:
    """Return an assessment in review to its team with comments; it becomes a draft again."""
    assessment = _locked(assessment)
    if not can_review_assessment(author, assessment):
        raise PermissionDenied
    note = _note(comments, required=True, label=_("Comments"))
    review = Review(assessment=assessment, reviewer=author, decision=Review.Decision.RETURNED, sign_off_note=note)
    audited_save(review, author=author)
    _move(assessment=assessment, author=author, to=Assessment.Status.DRAFT, action="returned", note=note)
    return review


@transaction.atomic
def assessment_reopen(*, assessment: Assessment, author: User, reason: str) -> Transition:
    """Reopen a completed assessment as a draft, with the reason recorded."""
    assessment = _locked(assessment)
    if not can_reopen_assessment(author, assessment):
        raise PermissionDenied
    note = _note(reason, required=True, label=_("Reason"))
    return _move(
        assessment=assessment,
        author=author,
        to=Assessment.Status.DRAFT,
        action="reopened",
        note=note,
        completed_at=None,
    )
