"""Racial Equity Action Plans: plans, results, indicators by race, outcomes, actions, measures and progress updates.

The shape follows Results-Based Accountability as cohort cities use it: a Plan states community Results, each
measured by population-level Indicators disaggregated by racial/ethnic group; Outcomes under a result are what the
city achieves, Actions what it does, Performance measures how an action is measured; Progress updates are kept as
an append-only history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from equity.choices import ChoiceLabel
from equity.models import TimeStampedModel

VALUE_DIGITS = {"max_digits": 16, "decimal_places": 4}


class RacialGroup(TimeStampedModel):
    """One racial/ethnic group indicators are broken down by; the list is configurable (defaults: U.S. Census)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    code = models.SlugField(
        _("code"), max_length=40, unique=True, help_text=_("Short code used in CSV uploads, e.g. black or white.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_total = models.BooleanField(
        _("all residents (total)"),
        default=False,
        help_text=_("The overall value for everyone, not a group; gaps are never measured against it as 'best'."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("racial/ethnic group")
        verbose_name_plural = _("racial/ethnic groups")

    def __str__(self) -> str:
        return self.name


class Plan(TimeStampedModel):
    """A Racial Equity Action Plan: citywide or for one department, over a period, with a lifecycle status."""

    class Scope(models.TextChoices):
        CITYWIDE = "citywide", _("Citywide")
        DEPARTMENT = "department", _("Department")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")
        ACTIVE = "active", _("Active")
        ARCHIVED = "archived", _("Archived")

    title = models.CharField(_("title"), max_length=200)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, default=Scope.DEPARTMENT)
    departments = models.ManyToManyField(
        "equity.Department", related_name="equity_plans", blank=True, verbose_name=_("departments")
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    adopted_on = models.DateField(_("adoption date"), null=True, blank=True)
    adopted_by = models.CharField(
        _("adopting body"), max_length=200, blank=True, help_text=_("For example: City Council, resolution 2026-14.")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_plans",
        null=True,
        blank=True,
        verbose_name=_("owner"),
    )
    narrative = models.TextField(
        _("racial equity statement"), blank=True, help_text=_("The city's racial equity narrative for this plan.")
    )
    is_public = models.BooleanField(_("public"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(m2m_fields=[departments])
    scope_label = ChoiceLabel("scope")  # cheap get_scope_display() for list rows
    status_label = ChoiceLabel("status")

    class Meta:
        ordering = ["-period_start", "title"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        indexes = [models.Index(fields=["period_start", "period_end"], name="plans_plan_period_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="plans_plan_period_order"),
        ]

    def __str__(self) -> str:
        return self.title


class Result(TimeStampedModel):
    """A community-level condition of well-being, in plain language ("all residents have stable housing")."""

    class Area(models.TextChoices):
        COMMUNITY = "community", _("Community")
        WORKFORCE = "workforce", _("Internal: workforce")
        CONTRACTING = "contracting", _("Internal: contracting")
        OPERATIONS = "operations", _("Internal: other operations")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="results", verbose_name=_("plan"))
    statement = models.CharField(_("result statement"), max_length=300)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices, default=Area.COMMUNITY)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "sort_order", "pk"]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return self.statement


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

    class Meta:
        ordering = ["result", "sort_order", "pk"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return self.statement


class ActionStatus(models.TextChoices):
    """An action's status; always shown as text, with the legend's colour as a second cue."""

    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    COMPLETED = "completed", _("Completed")


class StatusLegendEntry(TimeStampedModel):
    """The configurable colour legend for action statuses (green/orange/red as cohort plans use)."""

    class Tone(models.TextChoices):
        SUCCESS = "success", _("Green")
        WARNING = "warning", _("Orange")
        DANGER = "danger", _("Red")
        INFO = "info", _("Blue")
        SECONDARY = "secondary", _("Grey")
        PRIMARY = "primary", _("Dark blue")

    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, unique=True)
    tone = models.CharField(_("colour"), max_length=20, choices=Tone.choices)
    description = models.CharField(_("meaning"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("status legend entry")
        verbose_name_plural = _("status legend")

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.get_tone_display()}"


class Action(TimeStampedModel):
    """Something the city does towards its outcomes, led by one department and one accountable person."""

    Status = ActionStatus

    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    class Effort(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

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
    partners = models.TextField(_("partners"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    effort = models.CharField(_("effort"), max_length=10, choices=Effort.choices, default=Effort.MEDIUM)
    expected_impact = models.TextField(_("expected impact"), blank=True)
    staff_time = models.CharField(_("staff time"), max_length=200, blank=True)
    cost = models.DecimalField(_("cost (dollars)"), max_digits=14, decimal_places=2, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED, db_index=True
    )
    percent_complete = models.PositiveSmallIntegerField(_("percent complete"), default=0)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(m2m_fields=[outcomes])
    status_label = ChoiceLabel("status")  # cheap get_status_display() for action tables
    priority_label = ChoiceLabel("priority")

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
        ]

    def __str__(self) -> str:
        return self.title


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


class ReportingPeriod(TimeStampedModel):
    """A period the equity team opens (e.g. "2026 Q4"); accountable people owe an update on each action by its due."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    due_date = models.DateField(_("updates due"), db_index=True)
    is_open = models.BooleanField(_("open"), default=True, db_index=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-end_date", "name"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="plans_period_date_order"),
        ]

    def __str__(self) -> str:
        return self.name


class ProgressUpdate(TimeStampedModel):
    """A dated progress report on an action; kept as history, never edited except to mark it reviewed."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates", verbose_name=_("action"))
    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="updates",
        verbose_name=_("reporting period"),
    )
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices)
    previous_status = models.CharField(_("previous status"), max_length=20, choices=ActionStatus.choices)
    percent_complete = models.PositiveSmallIntegerField(_("percent complete"))
    summary = models.TextField(_("what happened"))
    barriers = models.TextField(_("barriers"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    status_reason = models.TextField(_("reason for the status change"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="progress_updates", verbose_name=_("author")
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_updates",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        indexes = [models.Index(fields=["action", "-created_at"], name="plans_update_action_time_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(percent_complete__lte=100), name="plans_update_percent_range"),
        ]

    def __str__(self) -> str:
        return f"{self.action} ({self.created_at:%Y-%m-%d})" if self.created_at else str(self.action)

    @property
    def status_changed(self) -> bool:
        return self.status != self.previous_status


class Reminder(TimeStampedModel):
    """A reminder email that was sent; the unique constraint makes sending idempotent."""

    class Kind(models.TextChoices):
        BEFORE_DUE = "before_due", _("Update due soon")
        OVERDUE = "overdue", _("Update overdue (to the manager)")

    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("reporting period")
    )
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("action"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["period", "action", "recipient", "kind"], name="plans_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.action} → {self.recipient}"
