"""Self-registration for upcoming sessions: a place, or a place on the waiting list (first come, first served).

Imported by training.models, so Django finds the model there; the writes are in training.registration.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from equity.models import TimeStampedModel
from training.models import Session


class Registration(TimeStampedModel):
    """A staff member's registration for a session: registered (holds a place), waiting (in the queue by
    `requested_at`) or cancelled. One row per person and session; registering again reuses it."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("session")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="training_registrations",
        verbose_name=_("staff member"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REGISTERED)
    # The place in the queue: when the person (last) asked for a place. Ties are broken by id.
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "requested_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [
            models.Index(fields=["session", "status", "requested_at"], name="training_reg_session_queue"),
            models.Index(fields=["user", "status"], name="training_reg_user_status"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="training_one_registration_per_person"),
            models.CheckConstraint(
                condition=Q(status__in=["registered", "waiting", "cancelled"]), name="training_registration_status"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.session_id}: {self.status}"

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CANCELLED
