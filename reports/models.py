"""Report jobs: a PDF report requested by a user and built in the background (the row outlives its file)."""

from django.db import models
from django.db.models import Q
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
    # The same request (requester, kind, parameters and target) while one is queued or running is that job: a hash
    # of the kind and parameters, unique per requester among open jobs (see the constraint below).
    dedupe_key = models.CharField(_("request key"), max_length=64, blank=True, default="")
    # The run that owns a running job: "host:pid" of the process building it, and when its lease ends unless its
    # heartbeat renews it (reports.jobs; ADR 0043).
    lease_owner = models.CharField(_("built by"), max_length=200, blank=True, default="")
    lease_expires_at = models.DateTimeField(_("lease ends"), null=True, blank=True)
    lost_runs = models.PositiveSmallIntegerField(_("runs lost"), default=0)  # killed runs since requested or retried
    # The language the report is written in: the one it was requested in (ADR 0061). Empty on jobs from before
    # languages were offered: those are built in LANGUAGE_CODE.
    language = models.CharField(_("language"), max_length=12, blank=True, default="")
    history = HistoricalRecords()
    # Not a field: set by `report_job_send` when the broker could not be reached (the page then says so).
    send_failed: bool
    # Not a field: set by `report_job_request` when the same request was already queued or running (this is that job).
    deduplicated: bool
    # Not a field: the title a viewer is shown (reports.visibility: only if they may still see the record).
    shown_title: str

    class Meta:
        ordering = ["-queued_at", "-pk"]
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        indexes = [
            models.Index(fields=["requested_by", "-queued_at"], name="reportjob_user_queued"),
            models.Index(fields=["status", "queued_at"], name="reportjob_status_queued"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["requested_by", "dedupe_key"],
                condition=Q(status__in=["queued", "running"]) & ~Q(dedupe_key=""),
                name="reportjob_one_open_per_request",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def status_tone(self) -> str:
        """The badge colour of the status (shown next to its text, never alone)."""
        return {"done": "success", "failed": "danger", "running": "info"}.get(self.status, "secondary")
