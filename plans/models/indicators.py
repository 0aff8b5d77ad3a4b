"""Population-level indicators by racial/ethnic group (city-wide records plan results use), the names sources give
those groups, and the outcomes the city achieves under a result."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from equity.models import TimeStampedModel
from plans.models.plans import VALUE_DIGITS, RacialGroup, Result
from plans.models.structure import Coded

if TYPE_CHECKING:
    from plans.gaps import GapReport
    from plans.projections import IndicatorAnalysis
    from plans.selectors import Rollup

MAX_DECIMAL_PLACES = 4


class Indicator(TimeStampedModel):
    """A city-wide population-level measure, with data by year and racial/ethnic group; one or more plan results
    use it (a community indicator belongs to no single plan)."""

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    results = models.ManyToManyField(
        Result, related_name="indicators", blank=True, verbose_name=_("results using this indicator")
    )
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True, help_text=_("For example: %, dollars, per 1,000."))
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    direction = models.CharField(_("direction of better"), max_length=10, choices=Direction.choices)
    decimal_places = models.PositiveSmallIntegerField(
        _("decimal places"),
        default=1,
        validators=[MaxValueValidator(MAX_DECIMAL_PLACES)],
        help_text=_("How many decimals values are shown with (0 to 4)."),
    )
    groups = models.ManyToManyField(
        RacialGroup,
        related_name="indicators",
        blank=True,
        verbose_name=_("groups reported"),
        help_text=_("The groups the data source reports; the data grid shows these (all active groups if none)."),
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("Caveats, definitions changes, suppression rules."))
    baseline_value = models.DecimalField(_("baseline value"), null=True, blank=True, **VALUE_DIGITS)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target_value = models.DecimalField(_("target value"), null=True, blank=True, **VALUE_DIGITS)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    story = models.TextField(_("story behind the curve"), blank=True)
    values_are_counts = models.BooleanField(
        _("values are counts of people"),
        default=False,
        help_text=_("Then a value below the public site's suppression threshold is never published."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(m2m_fields=[results, groups])
    # Not fields: the report's chart and gap analysis, set by plans.reports.
    chart_svg: str
    chart_legend: list  # of plans.print_charts.LegendEntry
    gaps: GapReport
    analysis: IndicatorAnalysis
    places: int
    has_moe: bool

    class Meta:
        ordering = ["sort_order", "name", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(decimal_places__lte=MAX_DECIMAL_PLACES), name="plans_indicator_decimal_places_range"
            ),
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
    margin_of_error = models.DecimalField(
        _("margin of error"),
        null=True,
        blank=True,
        help_text=_("Optional, as the source publishes it (the American Community Survey uses 90 % margins)."),
        **VALUE_DIGITS,
    )
    people = models.PositiveIntegerField(
        _("people counted"),
        null=True,
        blank=True,
        help_text=_(
            "Optional: how many people the value is based on (the group's population or sample). The public site "
            "suppresses a value based on fewer people than its threshold."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year", "group__sort_order"]
        verbose_name = _("indicator data point")
        verbose_name_plural = _("indicator data points")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "group"], name="plans_datapoint_unique"),
            models.CheckConstraint(
                condition=Q(margin_of_error__isnull=True) | Q(margin_of_error__gte=0),
                name="plans_datapoint_moe_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} {self.group}: {self.value}"


class GroupAlias(TimeStampedModel):
    """A name a data source gives a racial/ethnic group ("African American" for Black), remembered when someone maps
    it during an upload. `source` empty means any source; the keys are the normalised texts (case and spacing folded)
    the uniqueness and look-ups use."""

    source = models.CharField(_("data source"), max_length=300, blank=True)
    source_key = models.CharField(max_length=300, blank=True, editable=False)
    alias = models.CharField(_("name in the source"), max_length=120)
    alias_key = models.CharField(max_length=120, editable=False)
    group = models.ForeignKey(RacialGroup, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("group"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["source_key", "alias_key"]
        verbose_name = _("group alias")
        verbose_name_plural = _("group aliases")
        constraints = [
            models.UniqueConstraint(fields=["source_key", "alias_key"], name="plans_groupalias_unique"),
        ]
        indexes = [models.Index(fields=["alias_key"], name="plans_groupalias_alias_idx")]

    def __str__(self) -> str:
        return f"{self.alias} → {self.group}"


PENDING_UPLOAD_LIFETIME = timedelta(days=1)


class IndicatorUpload(models.Model):
    """An indicator CSV waiting for its group names to be mapped: the file is kept here between the steps of the
    upload (no JavaScript needed) and deleted once imported or after a day. Scratch data, so no history."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="pending_uploads")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=200)
    content = models.TextField()
    source = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name


class Outcome(Coded, TimeStampedModel):
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
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()
    rollup: Rollup  # not a field: set by plans.selectors for the plan page

    # The model's order among the outcomes of one plan, without the join of the plan that "result" (the result's
    # own order, which starts with its plan) makes: for reads within a plan (ADR 0075).
    ORDER_IN_A_PLAN = ("result__code_key", "result__sort_order", "result_id", "code_key", "sort_order", "pk")

    def plan_order_key(self) -> tuple:
        """ORDER_IN_A_PLAN in Python, for a handful of outcomes read with their result: sorting them costs less than
        compiling the query's ORDER BY through the result (0.2 ms of the action page)."""
        result = self.result
        return (result.code_key, result.sort_order, self.result_id, self.code_key, self.sort_order, self.pk)

    class Meta:
        ordering = ["result", "code_key", "sort_order", "pk"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return self.statement
