"""Training records: the curriculum, trained facilitators, sessions, attendance and evaluations.

A person's completion of a module is derived from their attendance rows with `completed=True` (see
training.selectors); `CompletionRollup` only caches that derivation for the completion report (training.rollup).
"""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from equity.models import TimeStampedModel

# Certificate verification codes: no look-alike characters (0/O, 1/I/L), 12 of 31 symbols, about 59 bits.
VERIFICATION_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
VERIFICATION_CODE_LENGTH = 12


def new_verification_code() -> str:
    """A fresh, unguessable certificate verification code (see ADR 0040)."""
    return "".join(secrets.choice(VERIFICATION_ALPHABET) for _ in range(VERIFICATION_CODE_LENGTH))


class Module(TimeStampedModel):
    """A curriculum module: what is taught, to whom it is required, and its standard length."""

    class Tier(models.TextChoices):
        FOUNDATIONAL = "foundational", _("Foundational (all staff)")
        LEADERSHIP = "leadership", _("Managers and leaders")
        TOPIC = "topic", _("Topic-specific")
        TOOL = "tool", _("Applying the Racial Equity Tool")

    class RequiredFor(models.TextChoices):
        NONE = "none", _("Not required")
        ALL_STAFF = "all_staff", _("All staff")
        MANAGERS = "managers", _("Managers")
        FACILITATORS = "facilitators", _("Facilitators")
        EQUITY_TEAM = "equity_team", _("Equity team")

    title = models.CharField(_("title"), max_length=200)
    tier = models.CharField(_("tier"), max_length=20, choices=Tier.choices, default=Tier.FOUNDATIONAL)
    summary = models.TextField(_("summary"), blank=True)
    topics = models.TextField(
        _("topics"), blank=True, help_text=_("One topic a line, e.g. 'Implicit and explicit bias'.")
    )
    hours = models.DecimalField(
        _("standard duration (hours)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("2.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    curriculum_version = models.CharField(
        _("version"), max_length=30, default="1.0", help_text=_("The curriculum's version, e.g. 2.1 or 2026.")
    )
    required_for = models.CharField(
        _("required for"), max_length=20, choices=RequiredFor.choices, default=RequiredFor.NONE, db_index=True
    )
    is_active = models.BooleanField(_("active"), default=True, db_index=True)
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("curriculum module")
        verbose_name_plural = _("curriculum modules")
        constraints = [models.CheckConstraint(condition=Q(hours__gte=0), name="training_module_hours_not_negative")]

    def __str__(self) -> str:
        return self.title

    @property
    def topic_list(self) -> list[str]:
        return [line.strip() for line in self.topics.splitlines() if line.strip()]


class Facilitator(TimeStampedModel):
    """A trained facilitator: a staff member certified to deliver some modules."""

    class Status(models.TextChoices):
        IN_TRAINING = "in_training", _("In training")
        TRAINED = "trained", _("Trained facilitator")
        LEAD = "lead", _("Lead facilitator")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="facilitator", verbose_name=_("person")
    )
    status = models.CharField(_("facilitator status"), max_length=20, choices=Status.choices, default=Status.TRAINED)
    trained_on = models.DateField(_("train-the-trainer completed"), null=True, blank=True)
    modules = models.ManyToManyField(
        Module, related_name="facilitators", blank=True, verbose_name=_("modules certified to deliver")
    )
    is_active = models.BooleanField(_("active"), default=True, db_index=True)
    notes = models.TextField(_("notes"), blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[modules])

    class Meta:
        ordering = ["user__full_name"]
        verbose_name = _("facilitator")
        verbose_name_plural = _("facilitators")

    # History pages name facilitators through their user: join it when they list many-to-many changes.
    history_select_related = ("user",)

    def __str__(self) -> str:
        return str(self.user)


class Session(TimeStampedModel):
    """One delivery of a module: when, where, by whom, for whom."""

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIRTUAL = "virtual", _("Virtual")
        HYBRID = "hybrid", _("Hybrid")

    class Audience(models.TextChoices):
        ALL_STAFF = "all_staff", _("All staff")
        MANAGERS = "managers", _("Managers and supervisors")
        DEPARTMENT = "department", _("One department")
        ELECTED = "elected", _("Elected officials")
        BOARDS = "boards", _("Advisory boards and commissions")
        COMMUNITY = "community", _("Community partners")

    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("module"))
    date = models.DateField(_("date"), db_index=True)
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    hours_credited = models.DecimalField(
        _("hours credited"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    location = models.CharField(_("location or meeting link"), max_length=200, blank=True)
    lead_facilitator = models.ForeignKey(
        Facilitator,
        on_delete=models.PROTECT,
        related_name="sessions_led",
        null=True,
        blank=True,
        verbose_name=_("lead facilitator"),
    )
    co_facilitators = models.ManyToManyField(
        Facilitator, related_name="sessions_co_facilitated", blank=True, verbose_name=_("co-facilitators")
    )
    facilitator_override = models.BooleanField(
        _("facilitator certification override"),
        default=False,
        help_text=_("Set by the equity team to allow facilitators not certified for this module."),
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.ALL_STAFF)
    department = models.ForeignKey(
        "equity.Department",
        on_delete=models.PROTECT,
        related_name="training_sessions",
        null=True,
        blank=True,
        verbose_name=_("department"),
        help_text=_("For a department-specific session."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Places for self-registration; empty means unlimited.")
    )
    registration_open = models.BooleanField(
        _("open for registration"), default=True, help_text=_("Staff may register themselves for this session.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: open until the session starts.")
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("logged by"),
    )
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[co_facilitators])

    class Meta:
        ordering = ["-date", "-start_time"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        indexes = [models.Index(fields=["module", "date"], name="training_session_module_date")]
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=F("start_time")), name="training_session_ends_after_start"),
            models.CheckConstraint(condition=Q(hours_credited__gte=0), name="training_session_hours_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.module.title}, {self.date:%Y-%m-%d}"

    @property
    def duration_minutes(self) -> int:
        """Scheduled length in minutes."""
        start = self.start_time.hour * 60 + self.start_time.minute
        end = self.end_time.hour * 60 + self.end_time.minute
        return max(end - start, 0)


class Attendance(TimeStampedModel):
    """One person on a session's roster: a staff member, or an external participant by name and organisation."""

    class Status(models.TextChoices):
        ATTENDED = "attended", _("Attended")
        PARTIAL = "partial", _("Partial")
        NO_SHOW = "no_show", _("No-show")
        EXCUSED = "excused", _("Excused")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("session")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="training_attendances",
        null=True,
        blank=True,
        verbose_name=_("staff member"),
    )
    external_name = models.CharField(_("external participant"), max_length=150, blank=True)
    external_organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    external_individual = models.BooleanField(
        _("individual (no organisation)"), default=False, help_text=_("An external participant on their own behalf.")
    )
    department = models.ForeignKey(
        "equity.Department",
        on_delete=models.PROTECT,
        related_name="training_attendances",
        null=True,
        blank=True,
        verbose_name=_("department at the time"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ATTENDED)
    minutes = models.PositiveIntegerField(_("minutes attended"), null=True, blank=True)
    completed = models.BooleanField(_("completed"), default=False)
    # Printed on the certificate of a completed attendance; the public page /verify/<code>/ confirms it.
    verification_code = models.CharField(
        _("certificate verification code"), max_length=20, unique=True, default=new_verification_code, editable=False
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        indexes = [
            models.Index(fields=["user", "completed"], name="training_att_user_completed"),
            models.Index(fields=["session", "status"], name="training_att_session_status"),
            models.Index(fields=["department", "completed"], name="training_att_dept_completed"),
            # Who completed a module (completion report): an index-only scan per session of the module.
            models.Index(fields=["session", "user"], condition=Q(completed=True), name="training_att_completed"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], condition=Q(user__isnull=False), name="training_one_attendance_per_person"
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(external_name=""), name="training_attendance_names_someone"
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(external_organisation="") | Q(external_individual=True),
                name="training_external_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.person_name

    @property
    def person_name(self) -> str:
        if self.user_id:
            return str(self.user)
        if self.external_organisation:
            return f"{self.external_name} ({self.external_organisation})"
        if self.external_individual:
            return f"{self.external_name} ({_('individual')})"
        return self.external_name


class CompletionRollup(models.Model):
    """Who completed which module, first and last time: a roll-up of attendance (`completed=True`) kept so the
    completion report need not aggregate every attendance row. Derived data, rewritten in the same transaction
    by every service that changes attendance or sessions (training.rollup); never edited on its own."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # No index of its own: the unique constraint (module, user) serves lookups by module.
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="+", db_index=False)
    first_completed_on = models.DateField()
    last_completed_on = models.DateField()

    class Meta:
        constraints = [
            # Also the index the report reads: a module's completers, index-only.
            models.UniqueConstraint(fields=["module", "user"], name="training_rollup_one_per_person_module"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} completed {self.module_id} ({self.first_completed_on}–{self.last_completed_on})"


class Evaluation(TimeStampedModel):
    """Pre- and post-session survey scores: one participant's, or the average of `respondents` people."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("session")
    )
    attendance = models.OneToOneField(
        Attendance,
        on_delete=models.CASCADE,
        related_name="evaluation",
        null=True,
        blank=True,
        verbose_name=_("participant"),
        help_text=_("Leave empty for scores aggregated over several respondents."),
    )
    respondents = models.PositiveIntegerField(_("respondents"), default=1, validators=[MinValueValidator(1)])
    pre_score = models.DecimalField(
        _("pre-survey score"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    post_score = models.DecimalField(
        _("post-survey score"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "pk"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.CheckConstraint(condition=Q(respondents__gte=1), name="training_evaluation_has_respondents"),
        ]

    def __str__(self) -> str:
        return f"{self.session}: {self.pre_score} → {self.post_score}"


class RosterImport(TimeStampedModel):
    """A roster CSV being checked before it is saved: the parsed rows, the column mapping and the resolutions.

    Staging data, not a training record: nothing here counts until `roster_import_commit` writes Attendance rows.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Being checked")
        SAVED = "saved", _("Saved")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="imports", verbose_name=_("session"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    filename = models.CharField(_("file name"), max_length=255)
    header = models.JSONField(_("columns"), default=list)
    rows = models.JSONField(_("rows"), default=list)
    mapping = models.JSONField(_("column mapping"), default=dict)
    resolutions = models.JSONField(_("resolutions"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    saved_count = models.PositiveIntegerField(_("rows saved"), default=0)
    history = HistoricalRecords(excluded_fields=["rows", "header", "resolutions"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")

    def __str__(self) -> str:
        return self.filename


# Issue 14's records live in their own modules; importing them here registers them with the app.
from training.models_required import CertificationRequest, TrainingRequirement  # noqa: E402
from training.registration_models import Registration  # noqa: E402

__all__ = [
    "Attendance", "CertificationRequest", "CompletionRollup", "Evaluation", "Facilitator", "Module", "RosterImport",
    "Registration", "Session", "TrainingRequirement",
]  # fmt: skip
