"""What the city publishes: a publication per published record, its reviewed snapshots, and the sites that may
frame the embeddable widgets.

The public never reads a live record. Publishing copies what may be shown (chosen fields, small numbers already
suppressed) into an immutable `Snapshot` payload; every public page, widget, file and PDF is made from a snapshot.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from equity.models import TimeStampedModel

NOTE_MAX = 500


class Publication(TimeStampedModel):
    """One record the equity team has published (or had published): a plan, an indicator, the city's narrative or
    an example practice, under a stable public address (`kind` and `slug`)."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("Action plan")
        INDICATOR = "indicator", _("Community indicator")
        NARRATIVE = "narrative", _("Racial equity narrative")
        PRACTICE = "practice", _("Example practice")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("record"))
    slug = models.SlugField(
        _("web address"),
        max_length=80,
        help_text=_("The last part of the public address: lower-case letters, digits and hyphens, at most 80."),
    )
    title = models.CharField(_("title"), max_length=300)
    is_published = models.BooleanField(_("published"), default=False, db_index=True)
    show_people = models.BooleanField(
        _("show accountable persons' names"),
        default=False,
        help_text=_("Off: the public sees the lead department only."),
    )
    current = models.ForeignKey(
        "Snapshot",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current snapshot"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "title", "pk"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="public_publication_one_per_record"),
            models.UniqueConstraint(fields=["kind", "slug"], name="public_publication_slug_unique"),
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(current__isnull=False), name="public_published_has_snapshot"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class Snapshot(models.Model):
    """What the public saw from `published_at`: an immutable copy of the record's publishable fields (`payload`,
    schema in docs/public/README.md), numbered 1, 2, ... per publication. Earlier snapshots stay readable."""

    class PdfStatus(models.TextChoices):
        NONE = "none", _("No PDF for this kind")
        BUILDING = "building", _("Being built")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Could not be built")

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="snapshots", verbose_name=_("publication")
    )
    number = models.PositiveIntegerField(_("number"))
    payload = models.JSONField(_("content"))
    note = models.CharField(_("what changed"), max_length=NOTE_MAX, blank=True)
    published_at = models.DateTimeField(_("published"), db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("published by")
    )
    pdf = models.FileField(_("PDF"), upload_to="public/", blank=True)
    pdf_status = models.CharField(
        _("PDF"), max_length=10, choices=PdfStatus.choices, default=PdfStatus.NONE, db_index=True
    )

    class Meta:
        ordering = ["publication", "-number"]
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        constraints = [
            models.UniqueConstraint(fields=["publication", "number"], name="public_snapshot_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.publication.title} #{self.number}"


class EmbedOrigin(TimeStampedModel):
    """A site that may show the portal's widgets in a frame (Content-Security-Policy frame-ancestors)."""

    origin = models.CharField(
        _("site"),
        max_length=200,
        unique=True,
        help_text=_("Scheme and host, and a port if not the usual one, e.g. https://www.stlouisparkmn.gov"),
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["origin"]
        verbose_name = _("site allowed to embed")
        verbose_name_plural = _("sites allowed to embed")

    def __str__(self) -> str:
        return self.origin
