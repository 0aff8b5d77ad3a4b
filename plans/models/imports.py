"""Spreadsheet import of a whole plan: the header mappings people chose (remembered for the next file with the same
headers) and an uploaded file waiting between the steps of the import."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from equity.models import TimeStampedModel
from plans.models.plans import Plan

PENDING_IMPORT_LIFETIME = timedelta(days=1)


class ImportMapping(TimeStampedModel):
    """Which column of the registry (plans.imports.columns) each header of a spreadsheet fills, keyed by the header
    signature (the normalised headers in order), for the whole city: the next file with the same headers goes
    straight to the preview. `columns` is a list of column keys, one per header ("" = ignore that header)."""

    signature = models.CharField(_("header signature"), max_length=64, unique=True)
    headers = models.JSONField(_("headers"), default=list)
    columns = models.JSONField(_("columns"), default=list)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("import column mapping")
        verbose_name_plural = _("import column mappings")

    def __str__(self) -> str:
        return ", ".join(self.headers)[:100]


class PlanImport(models.Model):
    """An uploaded plan spreadsheet kept between the steps (mapping, preview, apply) without JavaScript; deleted once
    applied or after a day. Scratch data, so no history."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="pending_imports")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=200)
    content = models.BinaryField()
    columns = models.JSONField(default=list)  # the mapping chosen for this file (column keys, one per header)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name
