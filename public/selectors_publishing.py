"""Reads of the equity team's publishing pages: what may be published, per kind, built on each app's own
`..._for_user` selector, and the publications of a page of records. Everyone else gets nothing."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet

from equity.models import User
from library.models import Narrative, NarrativeVersion, Practice
from library.selectors import narrative_list_for_user, practice_list_for_user
from plans.models import Indicator, Plan
from plans.selectors import plan_list_for_user
from plans.selectors_indicators import indicator_list_for_user
from public.models import Publication, Snapshot
from public.permissions import can_publish

Kind = Publication.Kind


def _published_version() -> Exists:
    return Exists(NarrativeVersion.objects.filter(narrative=OuterRef("pk"), status=NarrativeVersion.Status.PUBLISHED))


def publishable_plans_for_user(*, user: User) -> QuerySet[Plan]:
    """Plans the equity team may publish: every plan that is not a draft, by title."""
    if not can_publish(user):
        return Plan.objects.none()
    return plan_list_for_user(user=user).exclude(status=Plan.Status.DRAFT).order_by("title", "pk")


def publishable_indicators_for_user(*, user: User) -> QuerySet[Indicator]:
    """Every community indicator, by name, for the equity team."""
    if not can_publish(user):
        return Indicator.objects.none()
    return indicator_list_for_user(user=user).order_by("name", "pk")


def publishable_narratives_for_user(*, user: User) -> QuerySet[Narrative]:
    """The city-wide narrative and the departments' that have a version published in the library."""
    if not can_publish(user):
        return Narrative.objects.none()
    return narrative_list_for_user(user=user).filter(_published_version())


def publishable_practices_for_user(*, user: User) -> QuerySet[Practice]:
    """Example practices the library has reviewed and published, by title."""
    if not can_publish(user):
        return Practice.objects.none()
    return practice_list_for_user(user=user).filter(review_state=Practice.Review.PUBLISHED).order_by("title", "pk")


PUBLISHABLE = {
    Kind.PLAN: publishable_plans_for_user,
    Kind.INDICATOR: publishable_indicators_for_user,
    Kind.NARRATIVE: publishable_narratives_for_user,
    Kind.PRACTICE: publishable_practices_for_user,
}


def publish_candidates_for_user(*, user: User, kind: str) -> QuerySet:
    """The records of `kind` whose publish page the equity team may open: those they may read, ready or not (a draft
    plan, an unreviewed practice or a narrative without a published version shows why it cannot be published yet).
    None for an unknown kind or anyone else."""
    if not can_publish(user):
        return Plan.objects.none()
    if kind == Kind.PLAN:
        return plan_list_for_user(user=user)
    if kind == Kind.INDICATOR:
        return indicator_list_for_user(user=user)
    if kind == Kind.NARRATIVE:
        return narrative_list_for_user(user=user)
    if kind == Kind.PRACTICE:
        return practice_list_for_user(user=user)
    return Plan.objects.none()


def publications_by_record(*, user: User, kind: str, object_ids: Iterable[int]) -> dict[int, Publication]:
    """The publications of some records of `kind` (one query), with their current snapshot and who took it; the
    snapshots' payloads are not read."""
    if not can_publish(user):
        return {}
    rows = (
        Publication.objects.filter(kind=kind, object_id__in=list(object_ids))
        .select_related("current", "current__published_by")
        .defer("current__payload")
    )
    return {row.object_id: row for row in rows}


def publication_for_record(*, user: User, kind: str, object_id: int) -> Publication | None:
    """The publication of one record, if it was ever published."""
    return publications_by_record(user=user, kind=kind, object_ids=[object_id]).get(object_id)


def publication_snapshots_for_user(*, user: User, publication: Publication) -> QuerySet[Snapshot]:
    """Every snapshot of a publication, newest first, with who took it, without the payloads."""
    if not can_publish(user):
        return Snapshot.objects.none()
    return publication.snapshots.select_related("published_by").defer("payload").order_by("-number")


def public_site_summary() -> dict:
    """How many records of each kind are on the public site and when the last was published (one query)."""
    rows = Publication.objects.aggregate(
        **{kind.value: Count("pk", filter=Q(is_published=True, kind=kind.value)) for kind in Kind},
        last=Max("current__published_at", filter=Q(is_published=True)),
    )
    return rows
