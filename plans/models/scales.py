"""Scales the equity team configures: priority labels ("Level 1"), effort ("lift") and impact."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from equity.models import TimeStampedModel

SCALE_LABEL_MAX_LENGTH = 60


class ScaleLevel(TimeStampedModel):
    """One level of a scale, shown as its label (never by colour alone), listed in its order."""

    class Kind(models.TextChoices):
        PRIORITY = "priority", _("Priority")
        EFFORT = "effort", _("Effort (lift)")
        IMPACT = "impact", _("Impact")

    kind = models.CharField(_("scale"), max_length=20, choices=Kind.choices)
    label = models.CharField(
        _("label"), max_length=SCALE_LABEL_MAX_LENGTH, help_text=_("For example: Level 1. At most 60 characters.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers are listed first."))
    history = HistoricalRecords()
    cached_reads = ("plans.scale_labels",)  # equity.cached_reads: forgotten when a row is written

    class Meta:
        ordering = ["kind", "order", "pk"]
        verbose_name = _("scale level")
        verbose_name_plural = _("scale levels")
        constraints = [models.UniqueConstraint(fields=["kind", "label"], name="plans_scalelevel_kind_label")]

    def __str__(self) -> str:
        return self.label
