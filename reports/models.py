"""Report jobs: a PDF report requested by a user and built in the background (the row outlives its file)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from equity.models import Department, TimeStampedModel, User


class ReportJob(TimeStampedModel):
    """A PDF report requested by a user and built in the background; the row outlives its file."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=40, db_index=True)
    title = models.CharField(_("title"), max_length=250)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    requested_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="report_jobs", verbose_name=_("requested by")
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_jobs",
        verbose_name=_("department"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    queued_at = models.DateTimeField(_("queued"), db_index=True)
    sent_at = models.DateTimeField(_("sent to the queue"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="reports/", blank=True, max_length=255)
    file_size = models.PositiveIntegerField(_("file size"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    purged_at = models.DateTimeField(_("file removed"), null=True, blank=True)
    error = models.TextField(_("error message"), blank=True)
    history = HistoricalRecords()
    # Not a field: set by `report_job_send` when the broker could not be reached (the page then says so).
    send_failed: bool

    class Meta:
        ordering = ["-queued_at", "-pk"]
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        indexes = [
            models.Index(fields=["requested_by", "-queued_at"], name="reportjob_user_queued"),
            models.Index(fields=["status", "queued_at"], name="reportjob_status_queued"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def status_tone(self) -> str:
        """The badge colour of the status (shown next to its text, never alone)."""
        return {"done": "success", "failed": "danger", "running": "info"}.get(self.status, "secondary")
