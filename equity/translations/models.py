"""A translation of one piece of a record's published text into one language."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def source_hash(text: str) -> str:
    """The key public pages match a translation by: the SHA-256 of the English it translates."""
    return hashlib.sha256((text or "").encode("utf-8")).hexdigest()


class ContentTranslation(models.Model):
    """The text of one field of one record in one language, with its review state and the English it translates, so
    a translation of English that changed since is flagged and never shown for the newer English. The language is
    checked against settings.LANGUAGES by the service (no choices: adding a language needs no migration)."""

    class State(models.TextChoices):
        MACHINE = "machine", _("Machine-assisted draft")
        DRAFT = "draft", _("Draft, not reviewed")
        REVIEWED = "reviewed", _("Reviewed")

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind of record")
    )
    object_id = models.PositiveBigIntegerField(_("record"))
    content_object = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("field"), max_length=64)
    language = models.CharField(_("language"), max_length=16)
    text = models.TextField(_("translation"))
    state = models.CharField(_("review state"), max_length=12, choices=State.choices, default=State.DRAFT)
    source_text = models.TextField(_("English translated"))
    source_hash = models.CharField(max_length=64, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("updated by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["content_type", "object_id", "field", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"], name="equity_contenttranslation_one"
            )
        ]
        indexes = [models.Index(fields=["language", "source_hash"], name="equity_contenttr_source")]
        verbose_name = _("content translation")
        verbose_name_plural = _("content translations")

    def __str__(self) -> str:
        return f"{self.field} ({self.language})"

    @property
    def shown_state(self) -> str:
        return str(self.get_state_display())
