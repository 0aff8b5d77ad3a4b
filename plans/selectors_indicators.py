"""Reads of city-wide indicators: who may see them, their data grid, link candidates, points for the gap maths and each
group's chart colour."""

from __future__ import annotations

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import timezone

from equity.cached_reads import cached_read
from equity.models import User
from equity.permissions import is_equity_team, managed_department_ids
from plans.charts import group_colours
from plans.gaps import Point
from plans.models import (
    Indicator,
    IndicatorDataPoint,
    IndicatorUpload,
    Plan,
    RacialGroup,
    Result,
)
from plans.models.indicators import PENDING_UPLOAD_LIFETIME
from plans.selectors import plan_list_for_user


def indicator_list_for_user(*, user: User) -> QuerySet[Indicator]:
    """Indicators are city-wide population data, not a plan's: every signed-in person may read every one (ADR 0036);
    which plans use one is shown only as far as the reader may see those plans (`indicator_results_for_user`)."""
    if not user.is_authenticated:
        return Indicator.objects.none()
    return Indicator.objects.all()


def indicator_list_editable_by_user(*, user: User) -> QuerySet[Indicator]:
    """Indicators the user may change (plans.permissions.can_edit_indicator, as a query): every one for the equity
    team, those used by a plan of a department they manage for a manager, none otherwise."""
    qs = indicator_list_for_user(user=user).order_by("name", "pk")
    if is_equity_team(user):
        return qs
    links = Plan.departments.through.objects.filter(
        plan__results__indicators=OuterRef("pk"), department_id__in=managed_department_ids(user)
    )
    return qs.filter(Exists(links))


def indicator_page_list(*, user: User, search: str = "") -> QuerySet[Indicator]:
    """Indicators for the list page, searched by name or source, with how many plan results use each."""
    qs = indicator_list_for_user(user=user)
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(data_source__icontains=search))
    return qs.annotate(n_results=Count("results", distinct=True)).order_by("name", "pk")


def indicator_results_for_user(*, user: User, indicator: Indicator) -> QuerySet[Result]:
    """The results (of plans the user may read) that use an indicator, with their plan."""
    visible_plans = plan_list_for_user(user=user).values("pk")
    return (
        indicator.results.select_related("plan")
        .filter(plan__in=visible_plans)
        .order_by("plan__title", "plan_id", "sort_order", "pk")
    )


def indicator_grid_groups(*, indicator: Indicator) -> list[RacialGroup]:
    """The columns of an indicator's data grid (one query): its group set, or every active group when the set is
    empty, plus any group that already has data for it."""
    in_set = Indicator.groups.through.objects.filter(indicator_id=indicator.pk)
    has_data = Exists(IndicatorDataPoint.objects.filter(indicator_id=indicator.pk, group_id=OuterRef("pk")))
    wanted = Exists(in_set.filter(racialgroup_id=OuterRef("pk"))) | (Q(is_active=True) & ~Exists(in_set))
    return list(RacialGroup.objects.filter(wanted | has_data).order_by("sort_order", "name"))


def pending_upload_for_user(*, user: User, indicator: Indicator) -> QuerySet[IndicatorUpload]:
    """The user's own upload of this indicator waiting for its group names, unless older than a day."""
    cutoff = timezone.now() - PENDING_UPLOAD_LIFETIME
    return IndicatorUpload.objects.filter(indicator=indicator, uploaded_by=user, created_at__gte=cutoff)


def indicator_link_candidates(*, user: User, result: Result, search: str = "") -> QuerySet[Indicator]:
    """Indicators a result could use: those it does not use yet, searched by name or source."""
    linked = Indicator.results.through.objects.filter(indicator_id=OuterRef("pk"), result_id=result.pk)
    qs = indicator_list_for_user(user=user).exclude(Exists(linked))
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(data_source__icontains=search))
    return qs.order_by("name", "pk")


def indicator_points(*, indicators: list[Indicator]) -> dict[int, list[Point]]:
    """Data points of several indicators in one query, as gap-ready Points (with their margins of error) by
    indicator id."""
    points: dict[int, list[Point]] = {i.pk: [] for i in indicators}
    rows = IndicatorDataPoint.objects.filter(indicator__in=indicators).select_related("group")
    for row in rows.order_by("year", "group__sort_order", "group__name"):
        points[row.indicator_id].append(data_point_as_point(row))
    return points


def data_point_as_point(row: IndicatorDataPoint) -> Point:
    """A data point (with its group loaded) as a gap-ready Point."""
    return Point(
        row.year, row.group_id, row.group.name, row.value, is_total=row.group.is_total, moe=row.margin_of_error
    )


@cached_read("plans.group_colours")
def group_chart_colours() -> dict[object, str]:
    """Each racial/ethnic group's chart colour, from its place in the whole ordered list of groups (one query, or the
    shared cache: equity.cached_reads), so a group has the same colour in every chart whichever groups a chart
    shows."""
    groups = RacialGroup.objects.order_by("sort_order", "name", "pk").values_list("pk", "is_total")
    return group_colours(groups)
