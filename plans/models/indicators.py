"""Population-level indicators by racial/ethnic group, and the outcomes the city achieves under a result."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from equity.models import TimeStampedModel
from plans.models.plans import VALUE_DIGITS, RacialGroup, Result

if TYPE_CHECKING:
    from plans.gaps import GapReport
    from plans.selectors import Rollup


class Indicator(TimeStampedModel):
    """A population-level measure of a result, with data by period and racial/ethnic group."""

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("result"))
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True, help_text=_("For example: %, dollars, per 1,000."))
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    direction = models.CharField(_("direction of better"), max_length=10, choices=Direction.choices)
    baseline_value = models.DecimalField(_("baseline value"), null=True, blank=True, **VALUE_DIGITS)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target_value = models.DecimalField(_("target value"), null=True, blank=True, **VALUE_DIGITS)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    story = models.TextField(_("story behind the curve"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()
    # Not fields: the report's chart and gap analysis, set by plans.reports.
    chart_svg: str
    gaps: GapReport

    class Meta:
        ordering = ["result", "sort_order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_year__isnull=True)
                | Q(baseline_year__isnull=True)
                | Q(target_year__gte=F("baseline_year")),
                name="plans_indicator_year_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorDataPoint(TimeStampedModel):
    """One value of an indicator for one year and one group (or the total)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="data_points", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    group = models.ForeignKey(
        RacialGroup, on_delete=models.PROTECT, related_name="data_points", verbose_name=_("group")
    )
    value = models.DecimalField(_("value"), **VALUE_DIGITS)
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year", "group__sort_order"]
        verbose_name = _("indicator data point")
        verbose_name_plural = _("indicator data points")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "group"], name="plans_datapoint_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} {self.group}: {self.value}"


class Outcome(TimeStampedModel):
    """What the jurisdiction or a department achieves towards a result."""

    class Level(models.TextChoices):
        JURISDICTION = "jurisdiction", _("Jurisdiction")
        DEPARTMENT = "department", _("Department")

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("result"))
    statement = models.CharField(_("outcome"), max_length=300)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.JURISDICTION)
    department = models.ForeignKey(
        "equity.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_outcomes",
        verbose_name=_("department"),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()
    rollup: Rollup  # not a field: set by plans.selectors for the plan page

    class Meta:
        ordering = ["result", "sort_order", "pk"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return self.statement
