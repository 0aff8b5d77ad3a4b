"""Notification records (part of the `equity` app: `equity.models` imports them)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from equity.notifications.kinds import Delivery

TITLE_MAX = 300
BODY_MAX = 2000


class EmailDelivery(models.Model):
    """One e-mail: a single notification's, or a digest's. Its unique `key` makes building it idempotent; its status
    records what became of it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        BOUNCED = "bounced", _("Bounced")
        DROPPED = "dropped", _("Not sent: nothing left to tell")

    key = models.CharField(_("key"), max_length=120, unique=True)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_deliveries")
    frequency = models.CharField(_("frequency"), max_length=12, choices=Delivery.choices)
    period_start = models.DateTimeField(_("period start"), null=True, blank=True)
    period_end = models.DateTimeField(_("period end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    message_id = models.CharField(_("message ID"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="equity_emaildel_due_idx")]

    def __str__(self) -> str:
        return self.key


class Notification(models.Model):
    """One person told about one event. Unique per person, kind and event key: raising an event twice (a retried
    task, beat running twice) adds nothing."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=80)
    event_key = models.CharField(_("event key"), max_length=200)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    body = models.TextField(_("details"), max_length=BODY_MAX, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    delivery = models.CharField(_("delivery"), max_length=12, choices=Delivery.choices)
    email = models.ForeignKey(
        EmailDelivery, on_delete=models.SET_NULL, null=True, blank=True, related_name="notifications"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "kind", "event_key"], name="equity_notification_once"),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="equity_notif_inbox_idx"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="equity_notif_unread_idx"),
            models.Index(
                fields=["delivery", "created_at"],
                condition=Q(email__isnull=True) & ~Q(delivery="inbox"),
                name="equity_notif_undelivered_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """A person's choice for one kind of event; without one, the kind's default applies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=80)
    delivery = models.CharField(_("delivery"), max_length=12, choices=Delivery.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind"]
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="equity_notification_pref_once")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.delivery}"
