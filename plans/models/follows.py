"""People following an action: they hear about each progress update posted on it (plans.notices)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from plans.models.actions import Action


class ActionFollow(models.Model):
    """One person following one action (the accountable person hears about updates without following)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="action_follows", verbose_name=_("person")
    )
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="follows", verbose_name=_("action"))
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        ordering = ["action", "user"]
        verbose_name = _("action follower")
        verbose_name_plural = _("action followers")
        constraints = [models.UniqueConstraint(fields=["user", "action"], name="plans_action_follow_once")]

    def __str__(self) -> str:
        return f"{self.user} → {self.action}"
