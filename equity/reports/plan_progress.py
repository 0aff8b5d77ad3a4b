"""Report kind "plan progress": a plan's progress report for a reporting period, optionally for one department.

Data comes from the plans app's selectors, gap analysis and SVG charts, so the PDF shows the same figures and
charts as the plan pages. Queries are a fixed number whatever the plan's size (actions, milestones, measures and
latest updates are each fetched in one query).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from django import forms
from django.db.models import Avg, Count, OuterRef, Prefetch, Q, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from equity.models import Department, ReportJob, User
from equity.reports.kinds import ReportKind, ReportParamsForm, register
from library.selectors import narrative_published_for_city
from plans import charts
from plans.gaps import gap_report
from plans.models import (
    Action,
    ActionStatus,
    Indicator,
    IndicatorDataPoint,
    Milestone,
    Outcome,
    PerformanceMeasure,
    Plan,
    ProgressUpdate,
    RacialGroup,
    ReportingPeriod,
    Result,
)
from plans.selectors import Rollup, indicator_points, plan_list_for_user, status_counts


def _plan_departments(plan: Plan):
    """Departments that lead actions in the plan (the choices of the department filter)."""
    return Department.objects.filter(lead_actions__plan=plan).distinct().order_by("name")


def _overlapping_periods(plan: Plan):
    return ReportingPeriod.objects.filter(start_date__lte=plan.period_end, end_date__gte=plan.period_start)


class PlanProgressForm(ReportParamsForm):
    period = forms.ModelChoiceField(
        queryset=ReportingPeriod.objects.none(),
        required=False,
        label=gettext_lazy("Reporting period"),
        empty_label=gettext_lazy("Whole plan to date"),
        help_text=gettext_lazy("Progress updates are taken from this period; it must fall within the plan's period."),
    )
    department = forms.ModelChoiceField(
        queryset=Department.objects.none(),
        required=False,
        label=gettext_lazy("Department"),
        empty_label=gettext_lazy("All departments"),
        help_text=gettext_lazy("Limit the report to the actions one department leads."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Any period may be posted; clean_period explains why one outside the plan is refused.
        self.fields["period"].queryset = ReportingPeriod.objects.order_by("-end_date")
        self.fields["department"].queryset = Department.objects.all()
        self.fields["period"].widget.choices = [("", self.fields["period"].empty_label)] + [
            (p.pk, p.name) for p in _overlapping_periods(self.target).order_by("-end_date")
        ]
        self.fields["department"].widget.choices = [("", self.fields["department"].empty_label)] + [
            (d.pk, d.name) for d in _plan_departments(self.target)
        ]

    def clean_period(self):
        period = self.cleaned_data.get("period")
        plan = self.target
        if period and (period.start_date > plan.period_end or period.end_date < plan.period_start):
            raise forms.ValidationError(
                _("%(period)s is outside this plan's period (%(start)s to %(end)s).")
                % {"period": period.name, "start": plan.period_start, "end": plan.period_end}
            )
        return period

    def clean_department(self):
        department = self.cleaned_data.get("department")
        if department and not Action.objects.filter(plan=self.target, lead_department=department).exists():
            raise forms.ValidationError(
                _("%(department)s leads no actions in this plan, so its report would be empty.")
                % {"department": department.name}
            )
        return department

    def params(self) -> dict:
        data = self.cleaned_data
        return {
            key: value.pk
            for key, value in (("period", data.get("period")), ("department", data.get("department")))
            if value is not None
        }


def _title(plan: Plan, params: dict) -> str:
    parts = [_("Progress report: %(plan)s") % {"plan": plan.title}]
    if params.get("period"):
        period = ReportingPeriod.objects.filter(pk=params["period"]).first()
        if period:
            parts.append(period.name)
    if params.get("department"):
        department = Department.objects.filter(pk=params["department"]).first()
        if department:
            parts.append(department.name)
    return " · ".join(parts)


_SERIES_IDS = re.compile(r' id="activate-serie-\d+"')


def _pdf_svg(svg: str) -> str:
    """pygal repeats the same element ids in every chart; a PDF needs ids unique across the document."""
    return _SERIES_IDS.sub("", svg)


def _indicator_blocks(results: list[Result]) -> None:
    """Attach each indicator's chart, gap table and trends (points in one query; the chart from plans.charts).

    The gap over time is given as the trend list rather than a second chart: pygal charts dominate data time.
    """
    indicators = [i for result in results for i in result.indicators.all()]
    points = indicator_points(indicators=indicators)
    for indicator in indicators:
        data = points[indicator.pk]
        report = gap_report(points=data, direction=indicator.direction)
        indicator.chart_svg = _pdf_svg(charts.indicator_chart_svg(indicator=indicator, data=data))
        indicator.gaps = report


def _context(job: ReportJob, plan: Plan) -> dict:
    params = job.params
    period = ReportingPeriod.objects.filter(pk=params["period"]).first() if params.get("period") else None
    department = Department.objects.filter(pk=params["department"]).first() if params.get("department") else None

    actions = Action.objects.filter(plan=plan)
    if department is not None:
        actions = actions.filter(lead_department=department)
    updates = ProgressUpdate.objects.filter(action=OuterRef("pk"))
    if period is not None:
        updates = updates.filter(
            Q(period=period) | Q(period__isnull=True, created_at__date__range=(period.start_date, period.end_date))
        )
    latest_update_id = Subquery(updates.order_by("-created_at", "-pk").values("pk")[:1])
    action_rows = list(
        actions.select_related("lead_department", "accountable")
        .annotate(latest_update_id=latest_update_id)
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "pk")),
            Prefetch("measures", queryset=PerformanceMeasure.objects.order_by("pk")),
            Prefetch("outcomes", queryset=Outcome.objects.select_related("result").order_by("result__sort_order")),
        )
        .order_by("due_date", "pk")
    )
    latest = ProgressUpdate.objects.select_related("author", "period").in_bulk(
        [a.latest_update_id for a in action_rows if a.latest_update_id]
    )
    action_filter = Q(outcomes__actions__lead_department=department) if department else Q()
    results = list(
        plan.results.order_by("sort_order", "pk")
        .annotate(
            n_actions=Count("outcomes__actions", filter=action_filter, distinct=True),
            avg_percent=Avg("outcomes__actions__percent_complete", filter=action_filter),
        )
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("sort_order", "pk")),
            Prefetch("outcomes", queryset=Outcome.objects.order_by("sort_order", "pk")),
        )
    )
    _indicator_blocks(results)
    by_result: dict[int | None, list[Action]] = {r.pk: [] for r in results}
    by_result[None] = []
    for action in action_rows:
        action.latest_update = latest.get(action.latest_update_id)
        outcomes = list(action.outcomes.all())
        by_result.setdefault(outcomes[0].result_id if outcomes else None, []).append(action)
    for result in results:
        result.report_actions = by_result.get(result.pk, [])
        result.avg_percent = None if result.avg_percent is None else round(result.avg_percent)

    rollup = Rollup.from_row(actions.aggregate(**status_counts()))
    status_svg = charts.status_chart_svg(
        title=_("Actions by status"), counts={label: n for _v, label, n, _s in rollup.by_status}
    )
    return {
        "plan": plan,
        "plan_departments": list(plan.departments.order_by("name")),
        "period": period,
        "filter_department": department,
        "results": results,
        "unlinked_actions": by_result[None],
        "rollup": rollup,
        "status_svg": status_svg,
        "statuses": list(ActionStatus),
        "city_narrative": narrative_published_for_city(),
    }


def _bench_plan(user: User) -> Plan:
    """A large plan for the benchmark: 250 actions, 10 indicators with 5 years of data for 6 groups."""
    departments = [
        Department.objects.create(name=f"Benchmark department {n}", code=f"BD{n}") for n in range(5)
    ]
    groups = [
        RacialGroup.objects.create(name=f"{name} (benchmark)", code=f"bench-{n}", sort_order=900 + n, is_total=n == 0)
        for n, name in enumerate(["All residents", "Asian", "Black", "Hispanic or Latino", "Native American", "White"])
    ]
    plan = Plan.objects.create(
        title="Benchmark plan: racial equity action plan 2025-2029",
        period_start=date(2025, 1, 1),
        period_end=date(2029, 12, 31),
        status=Plan.Status.ACTIVE,
        owner=user,
        narrative="The city commits to closing racial gaps in housing, jobs, health and city services. " * 6,
    )
    plan.departments.set(departments)
    results = Result.objects.bulk_create(
        Result(plan=plan, statement=f"Result {n}: all residents thrive in area {n}", sort_order=n) for n in range(5)
    )
    outcomes = Outcome.objects.bulk_create(
        Outcome(result=r, statement=f"Outcome {r.sort_order}.{k}", sort_order=k) for r in results for k in range(2)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            result=r, name=f"Indicator {r.sort_order}.{k}", unit="%", direction=Indicator.Direction.HIGHER,
            baseline_value=50, baseline_year=2020, target_value=70, target_year=2029, sort_order=k,
            story="Root causes include historic redlining, exclusionary zoning and unequal access to credit. " * 4,
        )
        for r in results for k in range(2)
    )  # fmt: skip
    IndicatorDataPoint.objects.bulk_create(
        IndicatorDataPoint(indicator=i, year=2020 + y, group=g, value=40 + 3 * y + 5 * n)
        for i in indicators for y in range(5) for n, g in enumerate(groups)
    )  # fmt: skip
    statuses = [s.value for s in ActionStatus]
    actions = Action.objects.bulk_create(
        Action(
            plan=plan, title=f"Action {n}: improve equitable access to city service {n}",
            description="Work with community partners to remove barriers and track results by race. " * 2,
            lead_department=departments[n % 5], accountable=user, status=statuses[n % 5],
            percent_complete=(n * 7) % 101, start_date=date(2025, 3, 1), due_date=date(2026, 1, 1) + timedelta(days=n),
        )
        for n in range(250)
    )  # fmt: skip
    Action.outcomes.through.objects.bulk_create(
        Action.outcomes.through(action=a, outcome=outcomes[n % len(outcomes)]) for n, a in enumerate(actions)
    )
    Milestone.objects.bulk_create(
        Milestone(action=a, title=f"Milestone {k} of {a.title[:20]}", due_date=date(2026, 6, 1) + timedelta(days=k))
        for a in actions for k in range(2)
    )  # fmt: skip
    PerformanceMeasure.objects.bulk_create(
        PerformanceMeasure(action=a, name="People served", kind=PerformanceMeasure.Kind.HOW_MUCH, unit="people",
                           baseline_value=100, target_value=200)
        for a in actions
    )  # fmt: skip
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(action=a, status=a.status, previous_status="not_started", percent_complete=a.percent_complete,
                       summary="Met with partners; the pilot is running in two neighborhoods.", author=user)
        for a in actions
    )  # fmt: skip
    return plan


PLAN_PROGRESS = register(
    ReportKind(
        code="plan_progress",
        label=gettext_lazy("Plan progress report"),
        description=gettext_lazy(
            "A plan's progress for a reporting period: summary, results with indicators and gaps, and every action."
        ),
        template="reports/pdf/plan_progress.html",
        target_label=gettext_lazy("Action plan"),
        targets_for_user=lambda user: plan_list_for_user(user=user),
        title=_title,
        build_context=_context,
        department_of=lambda plan: None,
        form_class=PlanProgressForm,
        bench_target=_bench_plan,
    )
)
