"""Links from practices to plan actions (“this action adopts practice X”) and to equity tool assessments."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from equity.audit import audited_delete, audited_save
from equity.models import User
from library.models import Practice, PracticeAdoption, PracticeStrategy
from plans.models import Action
from tools.models import Assessment


def adoption_add(*, author: User, practice: Practice, action: Action, note: str = "") -> PracticeAdoption:
    """Record that a plan action adopts a published practice; a link made twice is refused."""
    if practice.review_state != Practice.Review.PUBLISHED:
        raise ValidationError(_("Only a published practice can be linked to an action."))
    adoption = PracticeAdoption(practice=practice, action=action, note=note.strip(), linked_by=author)
    try:
        with transaction.atomic():
            audited_save(adoption, author=author)
    except IntegrityError:
        raise ValidationError(_("This action is already linked to this practice.")) from None
    return adoption


@transaction.atomic
def adoption_remove(*, author: User, adoption: PracticeAdoption) -> None:
    """Remove the link (the practice and the action stay)."""
    audited_delete(adoption, author=author)


def strategy_add(*, author: User, practice: Practice, assessment: Assessment, note: str = "") -> PracticeStrategy:
    """Record that an equity tool assessment draws strategies from a published practice."""
    if practice.review_state != Practice.Review.PUBLISHED:
        raise ValidationError(_("Only a published practice can be linked to an assessment."))
    strategy = PracticeStrategy(practice=practice, assessment=assessment, note=note.strip(), linked_by=author)
    try:
        with transaction.atomic():
            audited_save(strategy, author=author)
    except IntegrityError:
        raise ValidationError(_("This assessment is already linked to this practice.")) from None
    return strategy


@transaction.atomic
def strategy_remove(*, author: User, strategy: PracticeStrategy) -> None:
    """Remove the link (the practice and the assessment stay)."""
    audited_delete(strategy, author=author)
