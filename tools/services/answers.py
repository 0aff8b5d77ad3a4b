"""Saving answers one question at a time, refusing stale saves instead of overwriting a colleague's work."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from equity.audit import audited_save
from equity.concurrency import StaleEdit, lock_for_edit
from equity.models import User
from tools.answer_rules import TamperedAnswer, answer_clean
from tools.models import Answer, Assessment, Question
from tools.permissions import can_edit_assessment
from tools.selectors import city_group_names


class AnswerConflict(StaleEdit):
    """The stale edit of one answer: `current` is the colleague's saved answer, `attempted` the value not saved."""

    def __init__(self, *, stale: StaleEdit, attempted: object):
        super().__init__(changes=stale.changes, who=stale.who, current=stale.current, what=_("this answer"))
        self.attempted = attempted


@dataclass
class SaveResult:
    answer: Answer
    changed: bool


def question_for_assessment(*, assessment: Assessment, question_id: int | str) -> Question:
    """The question with that id in the assessment's template; a foreign or malformed id is tampering."""
    try:
        pk = int(question_id)
    except (TypeError, ValueError):
        raise TamperedAnswer("bad question id") from None
    question = Question.objects.filter(pk=pk, step__template_id=assessment.template_id).first()
    if question is None:
        raise TamperedAnswer("question of another template")
    return question


def has_group_column(question: Question) -> bool:
    return any(c.get("type") == "group" for c in question.columns or [])


def _own_unconfirmed_save(*, answer: Answer, author: User, keys: set[str]) -> bool:
    """Whether the stored answer is this browser's own save whose response it never received: the key that produced
    the current version is one the browser sent, by the same person, and nobody saved after it."""
    return bool(
        answer.save_key
        and answer.save_key in keys
        and answer.save_key_version == answer.version
        and answer.updated_by_id == author.pk
    )


@transaction.atomic
def answer_save(
    *,
    assessment: Assessment,
    question: Question,
    raw: object,
    version: int,
    author: User,
    save_key: str = "",
    earlier_keys: Sequence[str] = (),
) -> SaveResult:
    """Validate and store one answer; `version` is the one the editor loaded, and a newer one raises AnswerConflict.
    `save_key` names this save and `earlier_keys` the browser's saves with no response yet (ADR 0045): when the
    newer version was made by one of them, the save is based on it (a retry is not a conflict with oneself)."""
    if not can_edit_assessment(author, assessment):
        raise PermissionDenied
    if question.step.template_id != assessment.template_id:
        raise TamperedAnswer("question of another template")
    if version < 0:  # versions start at 0: a negative one was forged, not opened
        raise TamperedAnswer("bad version")
    value = answer_clean(question=question, raw=raw, groups=city_group_names() if has_group_column(question) else None)
    answer, _created = Answer.objects.select_for_update().get_or_create(
        assessment=assessment, question=question, defaults={"value": None, "version": 0}
    )
    if _own_unconfirmed_save(answer=answer, author=author, keys={save_key, *earlier_keys} - {""}):
        version = answer.version
    try:
        lock_for_edit(obj=answer, revision=version, locked=True, what=_("this answer"))
    except StaleEdit as stale:
        if answer.value == value:
            return SaveResult(answer=answer, changed=False)
        raise AnswerConflict(stale=stale, attempted=value) from None
    if answer.value == value and answer.version:
        return SaveResult(answer=answer, changed=False)
    answer.value = value
    answer.version += 1
    answer.updated_by = author
    answer.save_key, answer.save_key_version = save_key, answer.version
    audited_save(answer, author=author)
    Assessment.objects.filter(pk=assessment.pk).update(updated_at=answer.updated_at)
    return SaveResult(answer=answer, changed=True)
