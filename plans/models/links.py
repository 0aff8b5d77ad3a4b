"""Links and sources of an action (a report, a dashboard, a council resolution)."""

from __future__ import annotations

from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from equity.models import TimeStampedModel

LINK_URL_MAX_LENGTH = 500
LINK_LABEL_MAX_LENGTH = 200
LINKS_PER_ACTION = 20


class ActionLink(TimeStampedModel):
    """One link (http or https) with the words it is shown with."""

    action = models.ForeignKey("plans.Action", on_delete=models.CASCADE, related_name="links", verbose_name=_("action"))
    url = models.URLField(
        _("address (URL)"),
        max_length=LINK_URL_MAX_LENGTH,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Starts with http:// or https://; at most 500 characters."),
    )
    label = models.CharField(
        _("label"), max_length=LINK_LABEL_MAX_LENGTH, help_text=_("What the link is; at most 200 characters.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "pk"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self) -> str:
        return self.label
