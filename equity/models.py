"""Shared records: the city's departments and its staff users, with their roles."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class TimeStampedModel(models.Model):
    """Adds created and updated times to a domain record."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Department(TimeStampedModel):
    """A city department; staff belong to one or more, and plans, worksheets and training are scoped by them."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    code = models.CharField(
        _("short code"), max_length=12, unique=True, help_text=_("A short code such as CD or PW, in capitals.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """The portal's roles. Every user is Staff; the others are added on top. What each may do: equity.permissions."""

    STAFF = "staff", _("Staff")
    MANAGER = "manager", _("Manager")
    FACILITATOR = "facilitator", _("Facilitator")
    EQUITY_TEAM = "equity_team", _("Equity team")


class User(AbstractUser):
    """A city employee who signs in to the portal. Never deleted: deactivated, so history keeps its authors."""

    full_name = models.CharField(_("full name"), max_length=150)
    preferred_name = models.CharField(_("preferred name"), max_length=80, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    email = models.EmailField(_("email address"), unique=True)
    employee_id = models.CharField(_("employee ID"), max_length=40, blank=True, db_index=True)
    departments = models.ManyToManyField(
        Department, related_name="members", blank=True, verbose_name=_("departments")
    )
    is_manager = models.BooleanField(_("manager"), default=False)
    is_facilitator = models.BooleanField(_("facilitator"), default=False)
    is_equity_team = models.BooleanField(_("equity team"), default=False)

    objects = UserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"], m2m_fields=[departments])

    REQUIRED_FIELDS = ["email", "full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.preferred_name or self.full_name or self.username

    @property
    def roles(self) -> list[Role]:
        """The user's roles, Staff first."""
        flags = [
            (True, Role.STAFF),
            (self.is_manager, Role.MANAGER),
            (self.is_facilitator, Role.FACILITATOR),
            (self.is_equity_team, Role.EQUITY_TEAM),
        ]
        return [role for on, role in flags if on]


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
