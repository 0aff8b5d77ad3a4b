"""Writes to an action's milestones and performance measures (and a measure's values)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from equity.audit import audited_save
from equity.concurrency import lock_for_edit
from equity.models import User
from plans.models import MeasureDataPoint, Milestone, PerformanceMeasure


@transaction.atomic
def milestone_save(*, author: User, milestone: Milestone, version: int | None = None) -> Milestone:
    """Create or change a milestone; an edit from a form older than the record is refused (StaleEdit)."""
    if milestone.pk:
        milestone.version = lock_for_edit(obj=milestone, revision=version).version + 1
    audited_save(milestone, author=author)
    return milestone


@transaction.atomic
def measure_save(*, author: User, measure: PerformanceMeasure, version: int | None = None) -> PerformanceMeasure:
    """Create or change a performance measure; an edit from a form older than the record is refused (StaleEdit)."""
    if measure.pk:
        measure.version = lock_for_edit(obj=measure, revision=version).version + 1
    audited_save(measure, author=author)
    return measure


@transaction.atomic
def measure_point_add(
    *, author: User, measure: PerformanceMeasure, period_label: str, period_end: date, value: Decimal, group=None
) -> MeasureDataPoint:
    """Record a measure's value for a period (and group); one value per period and group."""
    duplicate = MeasureDataPoint.objects.filter(measure=measure, period_end=period_end, group=group).exists()
    if duplicate:
        raise ValidationError({"period_end": _("There is already a value for this period and group.")})
    point = MeasureDataPoint(
        measure=measure, period_label=period_label, period_end=period_end, value=value, group=group
    )
    audited_save(point, author=author)
    return point
