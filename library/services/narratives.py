"""Writing narratives: drafts with sections, publishing (which supersedes the previous version), comparing."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from equity.audit import audited_save
from equity.concurrency import StaleEdit, lock_for_edit
from equity.models import Department, User
from library.models import Narrative, NarrativeSection, NarrativeVersion
from library.sanitise import sanitise_html


@dataclass(frozen=True)
class SectionInput:
    heading: str
    body: str


@transaction.atomic
def narrative_create(*, author: User, department: Department | None, title: str) -> Narrative:
    """Start a narrative for the city or a department, with an empty first draft."""
    if Narrative.objects.filter(department=department).exists():
        raise ValidationError(_("This narrative already exists."))
    narrative = Narrative(department=department)
    audited_save(narrative, author=author)
    version = NarrativeVersion(narrative=narrative, number=1, title=title.strip(), author=author)
    audited_save(version, author=author)
    return narrative


@transaction.atomic
def narrative_draft_save(
    *, author: User, narrative: Narrative, title: str, sections: list[SectionInput], revision: int | None
) -> NarrativeVersion:
    """Save the narrative's draft (starting one from the latest version if there is none); bodies are sanitised.

    `revision` is the draft revision the editor loaded (None when it started from a published version): a draft
    changed by someone else in the meantime is refused rather than overwritten.
    """
    Narrative.objects.select_for_update().filter(pk=narrative.pk).order_by("pk").first()
    draft = narrative.versions.filter(status=NarrativeVersion.Status.DRAFT).first()
    if draft is None:
        if revision is not None:
            raise StaleEdit(what=_("this draft (it was published or replaced)"))
        last = narrative.versions.order_by("-number").first()
        draft = NarrativeVersion(narrative=narrative, number=(last.number + 1) if last else 1, author=author)
    elif revision is None:  # someone started a draft after this editor opened the published version
        raise StaleEdit(what=_("this draft"), current=draft)
    else:
        draft = lock_for_edit(obj=draft, revision=revision, field="revision", what=_("this draft"))
        draft.revision += 1
    draft.title = title.strip()
    draft.author = author
    audited_save(draft, author=author)
    draft.sections.all().delete()
    for position, section in enumerate(sections):
        row = NarrativeSection(
            version=draft, position=position, heading=section.heading.strip(), body=sanitise_html(html=section.body)
        )
        audited_save(row, author=author)
    return draft


@transaction.atomic
def narrative_version_publish(*, author: User, version: NarrativeVersion) -> NarrativeVersion:
    """Publish a draft: the version published before it becomes superseded, and stays readable."""
    version = NarrativeVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != NarrativeVersion.Status.DRAFT:
        raise ValidationError(_("Only a draft can be published."))
    if not version.sections.exists():
        raise ValidationError(_("Add at least one section before publishing."))
    for previous in version.narrative.versions.filter(status=NarrativeVersion.Status.PUBLISHED):
        previous.status = NarrativeVersion.Status.SUPERSEDED
        audited_save(previous, author=author, update_fields=["status", "updated_at"])
    version.status = NarrativeVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = author
    audited_save(version, author=author, update_fields=["status", "published_at", "published_by", "updated_at"])
    return version
