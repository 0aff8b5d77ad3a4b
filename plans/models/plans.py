"""Plans and the community results they state, and the racial and ethnic groups data is broken down by."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from equity.models import TimeStampedModel
from plans.models.structure import Coded

if TYPE_CHECKING:
    from plans.models.actions import Action
    from plans.selectors import Rollup


class _Digits(TypedDict):
    """The precision of every measured value (indicators, performance measures)."""

    max_digits: int
    decimal_places: int


VALUE_DIGITS: _Digits = {"max_digits": 16, "decimal_places": 4}


class RacialGroup(TimeStampedModel):
    """One racial/ethnic group indicators are broken down by; the list is configurable (defaults: U.S. Census)."""

    cached_reads = ("plans.group_colours",)  # equity.cached_reads: forgotten when a row is written

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
    _department_ids: set[int]  # not a field: cached by plans.permissions.plan_department_ids

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


class Result(Coded, TimeStampedModel):
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
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()
    # Not fields: set by plans.selectors for the plan page and report (roll-up, the report's actions).
    rollup: Rollup
    report_actions: list[Action]

    class Meta:
        ordering = ["plan", "code_key", "sort_order", "pk"]
        verbose_name = _("result")
        verbose_name_plural = _("results")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], condition=~Q(code=""), name="plans_result_code_unique")
        ]

    def __str__(self) -> str:
        return self.statement
