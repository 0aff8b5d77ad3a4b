"""Writes of the public site: publish (take a reviewed snapshot), unpublish, and the sites allowed to embed.
Each checks the permission, locks the publication row, is audited, and moves the cache generation on commit."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from equity.audit import audited_delete, audited_save
from equity.concurrency import lock_for_edit
from equity.models import User
from library.models import Narrative, NarrativeVersion, Practice
from plans.models import Indicator, Plan
from public.cache import site_changed
from public.models import EmbedOrigin, Publication, Snapshot
from public.pdf import snapshot_pdf_request
from public.permissions import can_publish
from public.snapshots.indicators import indicator_payload
from public.snapshots.library import narrative_payload, practice_payload
from public.snapshots.plans import plan_payload

Kind = Publication.Kind
SLUG_MAX = 80


@dataclass(frozen=True)
class Candidate:
    """A record as the publishing service sees it: its kind, id, public title and payload builder."""

    kind: str
    object_id: int
    title: str
    record: Any


def _narrative_version(narrative: Narrative) -> NarrativeVersion:
    version = narrative.versions.filter(status=NarrativeVersion.Status.PUBLISHED).prefetch_related("sections").first()
    if version is None:
        raise ValidationError(_("Publish a version of the narrative in the library first."), code="not_ready")
    return version


def candidate(record: Any) -> Candidate:
    """What is published for `record`; a record that is not ready to be public is refused with a reason."""
    if isinstance(record, Plan):
        if record.status == Plan.Status.DRAFT:
            raise ValidationError(_("A draft plan cannot be published: adopt it first."), code="not_ready")
        return Candidate(Kind.PLAN, record.pk, record.title, record)
    if isinstance(record, Indicator):
        return Candidate(Kind.INDICATOR, record.pk, record.name, record)
    if isinstance(record, Narrative):
        return Candidate(Kind.NARRATIVE, record.pk, str(record), record)
    if isinstance(record, Practice):
        if record.review_state != Practice.Review.PUBLISHED:
            raise ValidationError(_("Only a reviewed practice of the library can be published."), code="not_ready")
        return Candidate(Kind.PRACTICE, record.pk, record.title, record)
    raise ValidationError(_("This kind of record cannot be published."), code="kind")


def _payload(found: Candidate, *, show_people: bool) -> dict:
    if found.kind == Kind.PLAN:
        return plan_payload(plan=found.record, show_people=show_people)
    if found.kind == Kind.INDICATOR:
        return indicator_payload(indicator=found.record)
    if found.kind == Kind.NARRATIVE:
        version = _narrative_version(found.record)
        return narrative_payload(version=version)
    return practice_payload(practice=found.record)


def payload_digest(payload: dict) -> str:
    """A fingerprint of a payload: the review step carries the one it showed, and `publish` refuses a snapshot that
    would differ from it (the record changed while it was being reviewed)."""
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def snapshot_preview(*, author: User, record: Any, show_people: bool = False) -> dict:
    """The payload publishing `record` now would copy, built by the same builder and saved nowhere: what the equity
    team reviews before confirming. A record that is not ready is refused with the reason (code "not_ready")."""
    if not can_publish(author):
        raise PermissionDenied
    return _payload(candidate(record), show_people=show_people)


def _free_slug(*, kind: str, wanted: str, publication_pk: int | None) -> str:
    base = (slugify(wanted) or kind)[:SLUG_MAX].strip("-") or kind
    taken = set(
        Publication.objects.filter(kind=kind, slug__startswith=base[:60])
        .exclude(pk=publication_pk or 0)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        suffix = f"-{n}"
        slug, n = f"{base[: SLUG_MAX - len(suffix)]}{suffix}", n + 1
    return slug


def _checked_slug(*, kind: str, slug: str, publication_pk: int | None) -> str:
    if slug != slugify(slug) or len(slug) > SLUG_MAX:
        raise ValidationError(
            {"slug": _("Use lower-case letters, digits and hyphens only, at most %(n)s.") % {"n": SLUG_MAX}}
        )
    if Publication.objects.filter(kind=kind, slug=slug).exclude(pk=publication_pk or 0).exists():
        raise ValidationError({"slug": _("Another published record of this kind already has this web address.")})
    return slug


@transaction.atomic
def publish(
    *,
    author: User,
    record: Any,
    slug: str = "",
    show_people: bool = False,
    note: str = "",
    version: int | None = None,
    reviewed: str | None = None,
) -> Snapshot:
    """Take a new snapshot of `record` and make it the public one. `version` is the publication's version the
    equity team reviewed (None for a first publication); a stale one is refused with what changed. `reviewed` is
    the `payload_digest` of the preview the team confirmed, taken without names: when given, a record that changed
    since is refused (code "stale") and nothing is saved."""
    if not can_publish(author):
        raise PermissionDenied
    found = candidate(record)
    publication = Publication.objects.select_for_update().filter(kind=found.kind, object_id=found.object_id).first()
    created = publication is None
    if publication is None:
        wanted = _checked_slug(kind=found.kind, slug=slug, publication_pk=None) if slug else found.title
        publication = Publication(
            kind=found.kind,
            object_id=found.object_id,
            title=found.title[:300],
            slug=_free_slug(kind=found.kind, wanted=wanted, publication_pk=None),
        )
        try:
            with transaction.atomic():
                audited_save(publication, author=author, reason=_("Created for publishing"))
        except IntegrityError as exc:
            raise ValidationError(
                _("Someone published this record at the same moment. Nothing was saved: reload the page."),
                code="stale",
            ) from exc
    else:
        publication = lock_for_edit(obj=publication, revision=version, locked=True, what=_("this publication"))
        if slug and slug != publication.slug:
            publication.slug = _checked_slug(kind=found.kind, slug=slug, publication_pk=publication.pk)
    payload = _payload(found, show_people=show_people)
    if reviewed is not None:
        plain = _payload(found, show_people=False) if show_people else payload
        if payload_digest(plain) != reviewed:
            raise ValidationError(
                _(
                    "The record changed since you reviewed it. Nothing was published: check the new preview and "
                    "confirm again."
                ),
                code="stale",
            )
    number = (publication.snapshots.aggregate(last=Max("number"))["last"] or 0) + 1
    snapshot = Snapshot.objects.create(
        publication=publication,
        number=number,
        payload=payload,
        note=note,
        published_at=timezone.now(),
        published_by=author,
    )
    publication.current = snapshot
    publication.is_published = True
    publication.title = found.title[:300]
    publication.show_people = show_people
    publication.version += 0 if created else 1
    audited_save(publication, author=author, reason=_("Published snapshot %(n)s") % {"n": number})
    transaction.on_commit(site_changed)
    snapshot_pdf_request(snapshot=snapshot)  # a plan's PDF progress report, built after commit
    return snapshot


@transaction.atomic
def unpublish(*, author: User, publication: Publication, version: int | None = None) -> Publication:
    """Take a publication off the public site at once; its snapshots are kept for the record."""
    if not can_publish(author):
        raise PermissionDenied
    publication = lock_for_edit(obj=publication, revision=version, what=_("this publication"))
    if publication.is_published:
        publication.is_published = False
        publication.version += 1
        audited_save(publication, author=author, reason=_("Unpublished"))
        transaction.on_commit(site_changed)
    return publication


def embed_origin_add(*, author: User, origin: EmbedOrigin) -> EmbedOrigin:
    """Allow a site to frame the widgets (the form has checked and normalised the origin)."""
    if not can_publish(author):
        raise PermissionDenied
    with transaction.atomic():
        audited_save(origin, author=author)
        transaction.on_commit(site_changed)
    return origin


def embed_origin_remove(*, author: User, origin: EmbedOrigin) -> None:
    """Stop a site from framing the widgets, at once."""
    if not can_publish(author):
        raise PermissionDenied
    with transaction.atomic():
        audited_delete(origin, author=author)
        transaction.on_commit(site_changed)
