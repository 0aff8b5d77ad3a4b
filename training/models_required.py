"""Required training and facilitators' approval requests (issue 14). Kept beside training.models, which imports
these classes, so the app's models module stays short; foreign keys name the models by string."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from equity.models import Role, TimeStampedModel


class TrainingRequirement(TimeStampedModel):
    """The equity team requires a module of all staff, of a role or of a department, to be completed within
    `due_days` of the person's start (the due-date rule: training.requirements)."""

    class Scope(models.TextChoices):
        ALL_STAFF = "all_staff", _("All staff")
        ROLE = "role", _("A role")
        DEPARTMENT = "department", _("A department")

    module = models.ForeignKey(
        "training.Module", on_delete=models.PROTECT, related_name="requirements", verbose_name=_("module")
    )
    scope = models.CharField(_("required of"), max_length=20, choices=Scope.choices, default=Scope.ALL_STAFF)
    role = models.CharField(
        _("role"),
        max_length=20,
        blank=True,
        choices=[(r.value, r.label) for r in Role if r != Role.STAFF],
        help_text=_("For a requirement of a role."),
    )
    department = models.ForeignKey(
        "equity.Department",
        on_delete=models.PROTECT,
        related_name="training_requirements",
        null=True,
        blank=True,
        verbose_name=_("department"),
        help_text=_("For a requirement of a department."),
    )
    due_days = models.PositiveIntegerField(
        _("due within (days)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_("Days from the person's start (hire date) or from the day the requirement took effect."),
    )
    effective_from = models.DateField(_("takes effect on"))
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["module__title", "pk"]
        verbose_name = _("training requirement")
        verbose_name_plural = _("training requirements")
        constraints = [
            models.CheckConstraint(condition=Q(due_days__gte=1), name="training_requirement_due_days_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.module} ({self.audience_label})"

    @property
    def audience_label(self) -> str:
        if self.scope == self.Scope.ROLE:
            return str(Role(self.role).label) if self.role else str(self.Scope.ROLE.label)
        if self.scope == self.Scope.DEPARTMENT and self.department_id:
            return str(self.department)
        return str(self.get_scope_display())

    @property
    def is_retired(self) -> bool:
        return self.retired_on is not None


class CertificationRequest(TimeStampedModel):
    """A facilitator asks the equity team to approve them for a module they are not yet certified for; approving
    certifies them for that module (training.approvals)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the equity team")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    facilitator = models.ForeignKey(
        "training.Facilitator",
        on_delete=models.CASCADE,
        related_name="certification_requests",
        verbose_name=_("facilitator"),
    )
    module = models.ForeignKey(
        "training.Module", on_delete=models.CASCADE, related_name="certification_requests", verbose_name=_("module")
    )
    reason = models.TextField(_("reason"), max_length=2000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note from the equity team"), blank=True, max_length=2000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("approval request")
        verbose_name_plural = _("approval requests")
        constraints = [
            models.UniqueConstraint(
                fields=["facilitator", "module"],
                condition=Q(status="pending"),
                name="training_one_pending_request_per_module",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facilitator} → {self.module}"
