"""The city's racial equity narrative (versioned) and the library of example policies and practices."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from equity.models import TimeStampedModel
from equity.status import status_tone


class Narrative(TimeStampedModel):
    """The racial equity narrative of the city (department empty) or of one department; its text lives in versions."""

    cached_reads = ("library.city_narrative",)  # equity.cached_reads: forgotten when a row is written

    department = models.ForeignKey(
        "equity.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="narratives",
        verbose_name=_("department"),
        help_text=_("Leave empty for the city-wide narrative."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = [models.F("department__name").asc(nulls_first=True)]
        verbose_name = _("narrative")
        verbose_name_plural = _("narratives")
        constraints = [
            # One city-wide narrative and at most one per department.
            models.UniqueConstraint(Coalesce("department", 0), name="library_one_narrative_per_scope"),
        ]

    def __str__(self) -> str:
        if self.department_id is None:
            return str(_("City-wide racial equity narrative"))
        return str(_("Racial equity narrative of %(department)s") % {"department": self.department})


class NarrativeVersion(TimeStampedModel):
    """One version of a narrative: drafted by the equity team, published once, then superseded by the next."""

    cached_reads = ("library.city_narrative",)  # equity.cached_reads: forgotten when a row is written

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Superseded")

    narrative = models.ForeignKey(Narrative, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version number"))
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    revision = models.PositiveIntegerField(_("revision"), default=1, help_text=_("Guards against stale edits."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["narrative_id", "-number"]
        verbose_name = _("narrative version")
        verbose_name_plural = _("narrative versions")
        constraints = [
            models.UniqueConstraint(fields=["narrative", "number"], name="library_version_number_unique"),
            models.UniqueConstraint(
                fields=["narrative"], condition=Q(status="published"), name="library_one_published_version"
            ),
            models.UniqueConstraint(
                fields=["narrative"], condition=Q(status="draft"), name="library_one_draft_version"
            ),
        ]

    def __str__(self) -> str:
        return str(_("%(title)s, version %(number)s") % {"title": self.title, "number": self.number})

    @property
    def status_tone(self) -> str:
        return status_tone(self.status)


class NarrativeSection(models.Model):
    """A section of a narrative version: a heading and a body of sanitised HTML (headings, lists, links)."""

    cached_reads = ("library.city_narrative",)  # equity.cached_reads: forgotten when a row is written

    version = models.ForeignKey(NarrativeVersion, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    heading = models.CharField(_("heading"), max_length=200)
    body = models.TextField(_("body"), blank=True, help_text=_("Stored sanitised."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["version_id", "position", "pk"]
        verbose_name = _("narrative section")
        verbose_name_plural = _("narrative sections")

    def __str__(self) -> str:
        return self.heading


class EquityArea(models.Model):
    """An area of equity work a practice affects (housing, health, workforce...), identified by a stable code."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("equity area")
        verbose_name_plural = _("equity areas")

    def __str__(self) -> str:
        return self.name


class Practice(TimeStampedModel):
    """An example policy, practice, program or budget decision that advances racial equity, here or elsewhere."""

    cached_reads = ("library.practice_counts",)  # equity.cached_reads: forgotten when a row is written

    class Kind(models.TextChoices):
        POLICY = "policy", _("Policy")
        PRACTICE = "practice", _("Practice")
        PROGRAM = "program", _("Program")
        BUDGET = "budget", _("Budget decision")

    class Jurisdiction(models.TextChoices):
        THIS_CITY = "this_city", _("This city")
        OTHER = "other", _("Another jurisdiction")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ADOPTED = "adopted", _("Adopted here")
        RETIRED = "retired", _("Retired")

    class Review(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested, awaiting review")
        PUBLISHED = "published", _("Published")
        DECLINED = "declined", _("Declined")

    # One set of limits per field (ADR 0046): the form states and enforces them, the exchange schema reads them from
    # here (library.exchange.exchange_schema), so the portal's own export always passes its own import.
    TAG_MAX_LENGTH = 50
    TAG_MAX_COUNT = 30
    DEPARTMENT_MAX_COUNT = 50

    uid = models.UUIDField(_("stable identifier"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=20000)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, db_index=True)
    equity_areas = models.ManyToManyField(
        EquityArea, blank=True, related_name="practices", verbose_name=_("equity areas")
    )
    departments = models.ManyToManyField(
        "equity.Department", blank=True, related_name="practices", verbose_name=_("departments it suits")
    )
    jurisdiction = models.CharField(
        _("jurisdiction"), max_length=12, choices=Jurisdiction.choices, default=Jurisdiction.THIS_CITY, db_index=True
    )
    jurisdiction_name = models.CharField(
        _("jurisdiction name"), max_length=150, help_text=_("For example: City of Minneapolis, Hennepin County.")
    )
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    evidence = models.TextField(_("evidence of results"), max_length=20000, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    tags = models.CharField(_("tags"), max_length=300, blank=True, help_text=_("Separate tags with commas."))
    review_state = models.CharField(
        _("review"), max_length=12, choices=Review.choices, default=Review.PUBLISHED, db_index=True
    )
    review_note = models.TextField(_("review note"), blank=True)
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suggested_practices",
        verbose_name=_("suggested by"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    imported_from = models.CharField(_("imported from"), max_length=150, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, help_text=_("Guards against stale edits."))
    history = HistoricalRecords(m2m_fields=[equity_areas, departments])
    # Not fields: what a row of the list page shows, set by `library.selectors.practice_rows`.
    area_names: list[str]
    kind_label: str
    status_label: str

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        indexes = [models.Index(fields=["review_state", "title"], name="library_practice_review_title")]

    def __str__(self) -> str:
        return self.title

    @property
    def review_tone(self) -> str:
        return status_tone(self.review_state)

    @property
    def status_tone(self) -> str:
        return status_tone(self.status)

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]


def attachment_path(instance: PracticeAttachment, filename: str) -> str:
    """Files go under MEDIA_ROOT/library/attachments/ with a random name; the original name is kept in the row."""
    return f"library/attachments/{uuid.uuid4().hex}"


class PracticeAttachment(TimeStampedModel):
    """A document about a practice (PDF, image, Word, Excel, text), private and served by a permission-checked view."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("size in bytes"))
    description = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class PracticeAdoption(TimeStampedModel):
    """“This plan action adopts practice X”: a link shown on the practice and on the action."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="adoptions")
    action = models.ForeignKey(
        "plans.Action", on_delete=models.CASCADE, related_name="practice_adoptions", verbose_name=_("plan action")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("linked by")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("practice adopted by an action")
        verbose_name_plural = _("practices adopted by actions")
        constraints = [
            models.UniqueConstraint(fields=["practice", "action"], name="library_adoption_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.action} → {self.practice}"


class PracticeStrategy(TimeStampedModel):
    """“Strategies drawn from a practice”: a Racial Equity Tool assessment draws on a library practice."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="strategies")
    assessment = models.ForeignKey(
        "tools.Assessment",
        on_delete=models.CASCADE,
        related_name="practice_strategies",
        verbose_name=_("equity tool assessment"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("linked by")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("strategy drawn from a practice")
        verbose_name_plural = _("strategies drawn from practices")
        constraints = [
            models.UniqueConstraint(fields=["practice", "assessment"], name="library_strategy_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} ← {self.practice}"


class ExchangeImport(TimeStampedModel):
    """A large exchange import run by a worker: the checked file, who asked, and how it went (its page polls it)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for a worker")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Not imported")

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    filename = models.CharField(_("file name"), max_length=200)
    payload = models.TextField(_("file"), blank=True, help_text=_("The checked file; emptied once imported."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    practice_total = models.PositiveIntegerField(_("practices to create"), default=0)
    template_total = models.PositiveIntegerField(_("templates to create"), default=0)
    practices_created = models.PositiveIntegerField(_("practices created"), default=0)
    templates_created = models.PositiveIntegerField(_("templates created"), default=0)
    error = models.TextField(_("reason"), blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent to a worker"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    history = HistoricalRecords(excluded_fields=["payload"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("exchange import")
        verbose_name_plural = _("exchange imports")

    def __str__(self) -> str:
        return str(_("Import of %(name)s") % {"name": self.filename})

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def status_tone(self) -> str:
        return status_tone(self.status)
