"""Report kinds of the plans app: "plan progress", a plan's progress report for a reporting period, optionally for
one department.

Data comes from the plans app's selectors (`plan_report_tree`, the roll-ups of the plan page), gap analysis and SVG
charts, so the PDF shows the same figures and charts as the plan pages. Queries are a fixed number whatever the
plan's size (actions, milestones, measures and latest updates are each fetched in one query). Other apps add
sections at the front (`PAGE_SECTIONS` slot "reports.plan_progress", e.g. the library's published city narrative).
"""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from equity.contributions import page_sections
from equity.i18n.documents import document_language
from equity.models import Department
from plans import print_charts
from plans.models import Action, ActionStatus, Plan, ReportingPeriod, Result
from plans.numbers import places_of
from plans.projections import indicator_analysis
from plans.selectors import plan_list_for_user, plan_report_tree
from plans.selectors_indicators import group_chart_colours, indicator_points
from plans.status import legend_tones
from reports.kinds import ReportKind, ReportLanguageField, ReportParamsForm, register
from reports.models import ReportJob


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
    language = ReportLanguageField(
        help_text=gettext_lazy("The report can be written in any of the portal's languages."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Any period may be posted; clean_period explains why one outside the plan is refused.
        period = cast(forms.ModelChoiceField, self.fields["period"])
        department = cast(forms.ModelChoiceField, self.fields["department"])
        period.queryset = ReportingPeriod.objects.order_by("-end_date")
        department.queryset = Department.objects.all()
        # The person's language by default: their saved one, else the page's.
        self.fields["language"].initial = document_language(self.user.language or get_language())
        period.widget.choices = [("", period.empty_label)] + [
            (p.pk, p.name) for p in _overlapping_periods(self.target).order_by("-end_date")
        ]
        department.widget.choices = [("", department.empty_label)] + [
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


def _indicator_blocks(results: list[Result]) -> None:
    """Attach each indicator's chart, gap analysis (against the best-off group), years to close and "do nothing
    different" forecast (points in one query, group colours in one; figures from plans.projections, so the PDF
    shows what the indicator page shows; the chart is the indicator page's, drawn as plain SVG for print by
    plans.print_charts, ADR 0068).

    The gap over time is given as the trend list rather than a second chart.
    """
    indicators = [i for result in results for i in result.indicators.all()]
    points = indicator_points(indicators=indicators)
    colours = group_chart_colours() if indicators else {}
    for indicator in indicators:
        data = points[indicator.pk]
        analysis = indicator_analysis(indicator=indicator, points=data)
        forecasts = analysis.forecasts
        chart = print_charts.indicator_print_svg(indicator=indicator, data=data, colours=colours, forecasts=forecasts)
        indicator.chart_svg, indicator.chart_legend = chart
        indicator.analysis = analysis
        indicator.gaps = analysis.report
        indicator.places = places_of(indicator)
        indicator.has_moe = any(p.moe is not None for p in data)


def _context(job: ReportJob, plan: Plan) -> dict:
    params = job.params
    period = ReportingPeriod.objects.filter(pk=params["period"]).first() if params.get("period") else None
    department = Department.objects.filter(pk=params["department"]).first() if params.get("department") else None
    tones = legend_tones()
    tree = plan_report_tree(plan=plan, period=period, department=department, attention=tones.attention)
    _indicator_blocks(tree["results"])
    status_svg = print_charts.status_print_svg(
        title=_("Actions by status"), counts={tones.label(v): n for v, _label, n, _s in tree["rollup"].by_status}
    )
    return {
        **tree,
        "plan": plan,
        "plan_departments": list(plan.departments.order_by("name")),
        "period": period,
        "filter_department": department,
        "status_svg": status_svg,
        "statuses": list(ActionStatus),
        "tones": tones,
        "front_sections": page_sections(slot="reports.plan_progress", user=job.requested_by, obj=plan),
    }


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
        order=10,
    )
)
