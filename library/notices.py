"""Telling the person who suggested a practice that it was published (once per review)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from equity.models import User
from equity.notifications.services import in_source_language, notify
from library.models import Practice

PUBLISHED = "library.practice_published"


@in_source_language
def practice_published_notify(*, practice: Practice, author: User) -> int:
    """Notify the suggester of a suggestion just published (called in the review's transaction)."""
    if practice.suggested_by_id is None or practice.review_state != Practice.Review.PUBLISHED:
        return 0
    return notify(
        kind=PUBLISHED,
        recipients=[practice.suggested_by_id],
        target=practice,
        event_key=f"practice:{practice.pk}:published:{practice.version}",
        title=_("A practice you suggested was published: %(title)s") % {"title": practice.title},
        body=practice.review_note,
        url=reverse("library:practice_detail", args=[practice.pk]),
        actor=author,
    )
