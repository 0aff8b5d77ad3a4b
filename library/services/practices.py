"""Writing practices: suggestions from staff, direct entries and edits by the equity team, and reviews."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from equity.audit import audited_save
from equity.concurrency import lock_for_edit
from equity.models import Department, User
from equity.permissions import is_equity_team
from library.models import EquityArea, Practice
from library.notices import practice_published_notify

PRACTICE_FIELDS = (
    "title",
    "summary",
    "kind",
    "jurisdiction",
    "jurisdiction_name",
    "source_url",
    "evidence",
    "status",
    "tags",
)


def _normalise_tags(tags: str) -> str:
    seen: dict[str, None] = {}
    for tag in tags.split(","):
        tag = " ".join(tag.split())
        if tag and tag.lower() not in {t.lower() for t in seen}:
            seen[tag] = None
    return ", ".join(seen)


@transaction.atomic
def practice_create(
    *,
    author: User,
    data: dict[str, Any],
    equity_areas: Iterable[EquityArea],
    departments: Iterable[Department],
    uid: uuid.UUID | None = None,
) -> Practice:
    """Add a practice: published at once by the equity team, otherwise recorded as a suggestion for review."""
    practice = Practice(**{name: data[name] for name in PRACTICE_FIELDS if name in data})
    practice.tags = _normalise_tags(practice.tags)
    if uid is not None:
        practice.uid = uid
    practice.suggested_by = author
    if is_equity_team(author):
        practice.review_state = Practice.Review.PUBLISHED
    else:
        practice.review_state = Practice.Review.SUGGESTED
        practice.status = Practice.Status.PROPOSED
    audited_save(practice, author=author)
    practice.equity_areas.set(equity_areas)
    practice.departments.set(departments)
    return practice


@transaction.atomic
def practice_update(
    *,
    author: User,
    practice: Practice,
    version: int,
    data: dict[str, Any],
    equity_areas: Iterable[EquityArea],
    departments: Iterable[Department],
) -> Practice:
    """Edit a practice; refused when someone else saved it since the editor was opened (`version`)."""
    current = lock_for_edit(obj=practice, revision=version, what=_("this practice"))
    for name in PRACTICE_FIELDS:
        if name in data:
            setattr(current, name, data[name])
    current.tags = _normalise_tags(current.tags)
    current.version += 1
    audited_save(current, author=author)
    current.equity_areas.set(equity_areas)
    current.departments.set(departments)
    return current


@transaction.atomic
def practice_review(*, author: User, practice: Practice, publish: bool, note: str = "") -> Practice:
    """Publish a staff suggestion to the library, or decline it with a note the suggester can read."""
    current = Practice.objects.select_for_update().get(pk=practice.pk)
    if current.review_state != Practice.Review.SUGGESTED:
        raise ValidationError(_("This suggestion has already been reviewed."))
    if not publish and not note.strip():
        raise ValidationError(_("Say why the suggestion is declined, so the person who made it knows."))
    current.review_state = Practice.Review.PUBLISHED if publish else Practice.Review.DECLINED
    current.review_note = note.strip()
    current.reviewed_by = author
    current.reviewed_at = timezone.now()
    current.version += 1
    audited_save(current, author=author)
    if publish:
        practice_published_notify(practice=current, author=author)
    return current
