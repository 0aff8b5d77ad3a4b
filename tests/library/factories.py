"""Factories for the library app's tests."""

from __future__ import annotations

import factory

from library.models import Narrative, NarrativeSection, NarrativeVersion, Practice, PracticeAttachment
from library.services.narratives import SectionInput, narrative_create, narrative_draft_save, narrative_version_publish


class PracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practice
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Practice {n}")
    summary = "Interpretation at every public meeting so residents who speak other languages take part."
    kind = Practice.Kind.PRACTICE
    jurisdiction = Practice.Jurisdiction.THIS_CITY
    jurisdiction_name = "City of St. Louis Park"
    evidence = "Attendance rose."
    status = Practice.Status.ADOPTED
    tags = "language access, meetings"
    review_state = Practice.Review.PUBLISHED

    @factory.post_generation
    def equity_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.equity_areas.set(extracted)

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.departments.set(extracted)


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeAttachment

    practice = factory.SubFactory(PracticeFactory)
    file = factory.django.FileField(filename="notes.txt", data=b"Plain text notes about the practice.\n")
    name = "notes.txt"
    content_type = "text/plain"
    size = 36
    uploaded_by = factory.SelfAttribute("practice.suggested_by")


def section(heading: str = "Why we lead with race", body: str = "<p>Race predicts outcomes.</p>") -> SectionInput:
    return SectionInput(heading=heading, body=body)


def published_narrative(*, user, department=None, sections=None, title: str = "Our narrative") -> Narrative:
    """A narrative with one published version (and no draft)."""
    narrative = narrative_create(author=user, department=department, title=title)
    draft = narrative_draft_save(
        author=user, narrative=narrative, title=title, sections=sections or [section()], revision=1
    )
    narrative_version_publish(author=user, version=draft)
    return narrative


def draft_narrative(*, user, department=None, title: str = "Draft narrative") -> Narrative:
    """A narrative with only a draft version (one section)."""
    narrative = narrative_create(author=user, department=department, title=title)
    narrative_draft_save(author=user, narrative=narrative, title=title, sections=[section()], revision=1)
    return narrative


def grow_versions(*, narrative: Narrative, user, count: int) -> None:
    """Add `count` published versions with several sections each."""
    for n in range(count):
        draft = narrative_draft_save(
            author=user,
            narrative=narrative,
            title=f"Version title {n}",
            sections=[section(f"Heading {n}-{i}", f"<p>Body {n} {i}</p><ul><li>x</li></ul>") for i in range(4)],
            revision=None,
        )
        narrative_version_publish(author=user, version=draft)


__all__ = ["AttachmentFactory", "NarrativeSection", "NarrativeVersion", "PracticeFactory"]
