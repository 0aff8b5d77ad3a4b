"""Actions (what the city does), their status legend, performance measures and milestones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from equity.models import TimeStampedModel
from plans.models.indicators import Outcome
from plans.models.plans import VALUE_DIGITS, Plan, RacialGroup
from plans.models.scales import ScaleLevel
from plans.models.structure import Coded
from plans.timelines import TIMELINE_MAX_LENGTH

if TYPE_CHECKING:
    from plans.models.reporting import ProgressUpdate


class ActionStatus(models.TextChoices):
    """An action's status; always shown as text, with the legend's colour as a second cue."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    ON_TRACK = "on_track", _("On track")
    ONGOING = "ongoing", _("Ongoing")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    NOT_REPORTED = "not_reported", _("Not reported")
    DEFERRED = "deferred", _("Deferred")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled / withdrawn")


# Statuses that end an action: never overdue, never "due soon". Cancelled actions are also left out of roll-ups.
CLOSED_STATUSES = (ActionStatus.COMPLETED, ActionStatus.CANCELLED)
# Statuses with no end date to miss: continuous work.
NO_END_STATUSES = (ActionStatus.ONGOING,)


class StatusLegendEntry(TimeStampedModel):
    """The configurable colour legend for action statuses (green/orange/red as cohort plans use)."""

    cached_reads = ("plans.legend",)  # equity.cached_reads: forgotten when a row is written

    class Tone(models.TextChoices):
        SUCCESS = "success", _("Green")
        WARNING = "warning", _("Orange")
        DANGER = "danger", _("Red")
        INFO = "info", _("Blue")
        SECONDARY = "secondary", _("Grey")
        PRIMARY = "primary", _("Dark blue")

    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, unique=True)
    label = models.CharField(
        _("label"), max_length=60, blank=True, help_text=_("Shown instead of the built-in name when set.")
    )
    tone = models.CharField(_("colour"), max_length=20, choices=Tone.choices)
    description = models.CharField(_("meaning"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    needs_attention = models.BooleanField(
        _("needs attention"),
        default=False,
        help_text=_("Actions in this status come first in lists, in the legend's order."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("status legend entry")
        verbose_name_plural = _("status legend")

    def __str__(self) -> str:
        return f"{self.shown_label}: {self.get_tone_display()}"

    @property
    def shown_label(self) -> str:
        return self.label or str(self.get_status_display())


CO_LEAD_TEAMS_MAX_LENGTH = 300


def _scale(kind: str, label):
    return models.ForeignKey(
        ScaleLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": kind},
        verbose_name=label,
    )


class Action(Coded, TimeStampedModel):
    """Something the city does towards its outcomes, led by one department (with co-leads) and one accountable
    person; its timeline is kept as written ("FY2023 Q2") with the dates it covers (plans.timelines)."""

    Status = ActionStatus

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions", verbose_name=_("plan"))
    outcomes = models.ManyToManyField(Outcome, related_name="actions", blank=True, verbose_name=_("outcomes"))
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    lead_department = models.ForeignKey(
        "equity.Department", on_delete=models.PROTECT, related_name="lead_actions", verbose_name=_("lead department")
    )
    accountable = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accountable_actions",
        verbose_name=_("accountable person"),
    )
    co_lead_departments = models.ManyToManyField(
        "equity.Department", related_name="co_led_actions", blank=True, verbose_name=_("co-lead departments")
    )
    co_lead_teams = models.CharField(
        _("co-lead teams"),
        max_length=CO_LEAD_TEAMS_MAX_LENGTH,
        blank=True,
        help_text=_("Teams that share the lead, separated by semicolons (Office of Racial Equity; HR)."),
    )
    partners = models.TextField(_("partners"), blank=True)
    measure_of_success = models.TextField(_("measure of success"), blank=True)
    timeline = models.CharField(_("timeline"), max_length=TIMELINE_MAX_LENGTH, blank=True)
    timeline_start = models.DateField(_("timeline start"), null=True, blank=True, editable=False)
    timeline_end = models.DateField(_("timeline end"), null=True, blank=True, editable=False)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    priority = _scale("priority", _("priority"))
    effort = _scale("effort", _("effort (lift)"))
    impact = _scale("impact", _("impact"))
    expected_impact = models.TextField(_("expected impact"), blank=True)
    staff_time = models.CharField(_("staff time"), max_length=200, blank=True)
    cost = models.DecimalField(_("cost (dollars)"), max_digits=14, decimal_places=2, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED, db_index=True
    )
    percent_complete = models.PositiveSmallIntegerField(_("percent complete"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    status_as_of = models.DateField(_("status as of"), null=True, blank=True)
    status_source = models.CharField(
        _("status source"), max_length=200, blank=True, help_text=_("For example: 2023 annual report.")
    )
    cancelled_reason = models.TextField(_("reason for cancelling"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(m2m_fields=[outcomes, co_lead_departments])
    latest_update: ProgressUpdate | None  # not a field: set by plans.selectors.plan_report_tree

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        indexes = [
            models.Index(fields=["lead_department", "status"], name="plans_action_dept_status_idx"),
            # Covers the plan list's per-plan roll-up (count by status, average percent) as an index-only scan.
            models.Index(fields=["plan", "status"], include=["percent_complete"], name="plans_action_plan_rollup_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(percent_complete__lte=100), name="plans_action_percent_range"),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(due_date__isnull=True) | Q(due_date__gte=F("start_date")),
                name="plans_action_date_order",
            ),
            models.UniqueConstraint(fields=["plan", "code"], condition=~Q(code=""), name="plans_action_code_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        """Past its due date and still open: the same rule as the roll-ups' "overdue" count."""
        ends = self.status not in CLOSED_STATUSES and self.status not in NO_END_STATUSES
        return ends and self.due_date is not None and self.due_date < timezone.localdate()


class PerformanceMeasure(TimeStampedModel):
    """How an action is measured: how much did we do, how well did we do it, is anyone better off."""

    class Kind(models.TextChoices):
        HOW_MUCH = "how_much", _("How much did we do?")
        HOW_WELL = "how_well", _("How well did we do it?")
        BETTER_OFF = "better_off", _("Is anyone better off?")

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        TWICE_YEARLY = "twice_yearly", _("Twice a year")
        ANNUAL = "annual", _("Annually")

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="measures", verbose_name=_("action"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    baseline_value = models.DecimalField(_("baseline"), null=True, blank=True, **VALUE_DIGITS)
    target_value = models.DecimalField(_("target"), null=True, blank=True, **VALUE_DIGITS)
    frequency = models.CharField(
        _("reporting frequency"), max_length=20, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "pk"]
        verbose_name = _("performance measure")
        verbose_name_plural = _("performance measures")

    def __str__(self) -> str:
        return self.name


class MeasureDataPoint(TimeStampedModel):
    """One value of a performance measure for a period, optionally for one group."""

    measure = models.ForeignKey(
        PerformanceMeasure, on_delete=models.CASCADE, related_name="data_points", verbose_name=_("measure")
    )
    period_label = models.CharField(_("period"), max_length=40, help_text=_("For example: 2026 Q3."))
    period_end = models.DateField(_("period end"))
    group = models.ForeignKey(
        RacialGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measure_points",
        verbose_name=_("group"),
    )
    value = models.DecimalField(_("value"), **VALUE_DIGITS)
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "period_end", "group__sort_order"]
        verbose_name = _("measure data point")
        verbose_name_plural = _("measure data points")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period_end", "group"],
                condition=Q(group__isnull=False),
                name="plans_measurepoint_group_unique",
            ),
            models.UniqueConstraint(
                fields=["measure", "period_end"],
                condition=Q(group__isnull=True),
                name="plans_measurepoint_total_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.period_label}: {self.value}"


class Milestone(TimeStampedModel):
    """A dated step under an action."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("action"))
    title = models.CharField(_("title"), max_length=250)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "due_date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title
