"""Reporting periods, the append-only progress updates on actions, and reminders to report."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from equity.models import TimeStampedModel
from plans.models.actions import Action, ActionStatus


class ReportingPeriod(TimeStampedModel):
    """A period the equity team opens (e.g. "2026 Q4"); accountable people owe an update on each action by its due."""

    cached_reads = ("plans.current_period",)  # equity.cached_reads: forgotten when a row is written

    name = models.CharField(_("name"), max_length=60, unique=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    due_date = models.DateField(_("updates due"), db_index=True)
    is_open = models.BooleanField(_("open"), default=True, db_index=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-end_date", "name"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="plans_period_date_order"),
        ]

    def __str__(self) -> str:
        return self.name


UPDATE_TEXT_MAX = 5_000  # characters in each text of a progress update (about two pages)


class ProgressUpdate(TimeStampedModel):
    """A dated progress report on an action; kept as history, never edited except to mark it reviewed."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates", verbose_name=_("action"))
    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="updates",
        verbose_name=_("reporting period"),
    )
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices)
    previous_status = models.CharField(_("previous status"), max_length=20, choices=ActionStatus.choices)
    percent_complete = models.PositiveSmallIntegerField(_("percent complete"), null=True, blank=True)
    as_of = models.DateField(_("as of"), null=True, blank=True, help_text=_("The date the update describes."))
    # An update is corrected at most once (a wrong correction is itself corrected), so the database holds one
    # correction per update and the timeline reads each update's correction in the same query (a join).
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
        verbose_name=_("corrects"),
    )
    # One limit per field (ADR 0018): the form, the services and this model say the same number.
    summary = models.TextField(_("what happened"), max_length=UPDATE_TEXT_MAX)
    barriers = models.TextField(_("barriers"), blank=True, max_length=UPDATE_TEXT_MAX)
    next_steps = models.TextField(_("next steps"), blank=True, max_length=UPDATE_TEXT_MAX)
    status_reason = models.TextField(_("reason for the status change"), blank=True, max_length=UPDATE_TEXT_MAX)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="progress_updates", verbose_name=_("author")
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_updates",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        indexes = [models.Index(fields=["action", "-created_at"], name="plans_update_action_time_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(percent_complete__lte=100), name="plans_update_percent_range"),
        ]

    def __str__(self) -> str:
        return f"{self.action} ({self.created_at:%Y-%m-%d})" if self.created_at else str(self.action)

    @property
    def status_changed(self) -> bool:
        return self.status != self.previous_status


class Reminder(TimeStampedModel):
    """A reminder email that was sent; the unique constraint makes sending idempotent."""

    class Kind(models.TextChoices):
        BEFORE_DUE = "before_due", _("Update due soon")
        OVERDUE = "overdue", _("Update overdue (to the manager)")

    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("reporting period")
    )
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("action"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["period", "action", "recipient", "kind"], name="plans_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.action} → {self.recipient}"
