"""Indicator pages: the city-wide list, chart + data table + gap table + story, create/edit, linking to a plan's
results, the data grid and CSV upload."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from equity.audit import HistoryView
from equity.pagination import page_of
from equity.views.shortcuts import add_service_errors, require
from plans import charts
from plans.forms.indicators import (
    GroupMappingForm,
    IndicatorForm,
    IndicatorGridForm,
    IndicatorLinkForm,
    IndicatorSearchForm,
    IndicatorUploadForm,
)
from plans.gaps import REFERENCE_BEST, REFERENCE_TOTAL, Point
from plans.models import Indicator, RacialGroup, Result
from plans.numbers import places_of
from plans.permissions import can_create_indicator, can_edit_indicator, can_edit_plan, can_manage_periods
from plans.projections import indicator_analysis
from plans.selectors import plan_list_for_user
from plans.selectors_indicators import (
    group_chart_colours,
    indicator_grid_groups,
    indicator_link_candidates,
    indicator_list_for_user,
    indicator_page_list,
    indicator_points,
    indicator_results_for_user,
    pending_upload_for_user,
)
from plans.services.indicator_uploads import (
    UploadOutcome,
    indicator_upload_finish,
    indicator_upload_review,
    indicator_upload_start,
)
from plans.services.indicators import (
    ImportRefused,
    indicator_create,
    indicator_data_save,
    indicator_link,
    indicator_unlink,
    indicator_update,
)


def _indicator(request, pk: int) -> Indicator:
    return get_object_or_404(indicator_list_for_user(user=request.user), pk=pk)


def _value_rows(points: list[Point]) -> tuple[list[str], list[tuple[int, list[Point | None]]]]:
    """The data table: group names (in the data's order) and, per year, each group's point or None."""
    groups: dict[object, str] = {}
    for p in points:
        groups.setdefault(p.group_key, p.group_name)
    table = {(p.year, p.group_key): p for p in points}
    years = sorted({p.year for p in points})
    return list(groups.values()), [(year, [table.get((year, key)) for key in groups]) for year in years]


def _editable_result(request, result_pk: int) -> Result:
    """A result of a plan the user may read (else 404) and edit (else 403)."""
    visible = Result.objects.select_related("plan").filter(plan__in=plan_list_for_user(user=request.user))
    result = get_object_or_404(visible, pk=result_pk)
    require(can_edit_plan(request.user, result.plan))
    return result


@login_required
def indicator_list_view(request):
    filters = IndicatorSearchForm(request.GET or None)
    search = filters.cleaned_data.get("q", "") if filters.is_valid() else ""
    page = page_of(request, indicator_page_list(user=request.user, search=search))
    context = {"page_obj": page, "filters": filters, "can_create": can_create_indicator(request.user)}
    return render(request, "plans/indicator_list.html", context)


@login_required
def indicator_detail_view(request, pk: int):
    indicator = _indicator(request, pk)
    reference = REFERENCE_TOTAL if request.GET.get("compare") == REFERENCE_TOTAL else REFERENCE_BEST
    points = indicator_points(indicators=[indicator])[indicator.pk]
    analysis = indicator_analysis(indicator=indicator, points=points, reference=reference)
    colours = group_chart_colours()
    group_names, rows = _value_rows(points)
    places = places_of(indicator)
    context = {
        "indicator": indicator,
        "used_by": list(indicator_results_for_user(user=request.user, indicator=indicator)),
        "chart_svg": charts.indicator_chart_svg(
            indicator=indicator, data=points, colours=colours, forecasts=analysis.forecasts
        ),
        "gap_svg": charts.gap_chart_svg(
            title=_("Gap to the reference, by group"), report=analysis.report, colours=colours, places=places
        ),
        "analysis": analysis,
        "report": analysis.report,
        "reference": reference,
        "places": places,
        "gap_signed": reference == REFERENCE_TOTAL,
        "group_names": group_names,
        "rows": rows,
        "has_moe": any(p.moe is not None for p in points),
        "can_edit": can_edit_indicator(request.user, indicator),
    }
    return render(request, "plans/indicator_detail.html", context)


@login_required
@cache_control(private=True, max_age=300)
def indicator_chart_view(request, pk: int):
    """The indicator's chart alone, as an SVG image: the plan page loads it only when its chart is opened."""
    indicator = _indicator(request, pk)
    points = indicator_points(indicators=[indicator])[indicator.pk]
    forecasts = indicator_analysis(indicator=indicator, points=points).forecasts
    svg = charts.indicator_chart_svg(
        indicator=indicator, data=points, colours=group_chart_colours(), forecasts=forecasts
    )
    return HttpResponse(svg, content_type="image/svg+xml")


def _create(request, result: Result | None):
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            indicator = indicator_create(author=request.user, result=result, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The indicator was added. Now enter its data by group."))
            return redirect("plans:indicator_data", pk=indicator.pk)
    context = {"form": form, "plan": result.plan if result else None, "result": result}
    return render(request, "plans/indicator_form.html", context, status=400 if form.errors else 200)


@login_required
def indicator_new_view(request):
    """A city-wide indicator on its own, not from a plan's result: the equity team."""
    require(can_create_indicator(request.user))
    return _create(request, None)


@login_required
def indicator_create_view(request, result_pk: int):
    """A new indicator that `result` uses from the start."""
    return _create(request, _editable_result(request, result_pk))


@login_required
def indicator_link_view(request, result_pk: int):
    """Let a result use an existing city-wide indicator: search, pick, link (a form per row; no JavaScript)."""
    result = _editable_result(request, result_pk)
    filters = IndicatorSearchForm(request.GET or None)
    search = filters.cleaned_data.get("q", "") if filters.is_valid() else ""
    candidates = indicator_link_candidates(user=request.user, result=result, search=search)
    form = IndicatorLinkForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            indicator_link(author=request.user, indicator=form.cleaned_data["indicator"], result=result)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The result now uses “%(name)s”.") % {"name": form.cleaned_data["indicator"]})
            return redirect("plans:plan_detail", pk=result.plan_id)
    page = page_of(request, candidates)
    context = {"result": result, "plan": result.plan, "filters": filters, "form": form, "page_obj": page}
    return render(request, "plans/indicator_link.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def indicator_unlink_view(request, result_pk: int, pk: int):
    """Stop a result using an indicator (the indicator and its data stay)."""
    result = _editable_result(request, result_pk)
    indicator = get_object_or_404(result.indicators.all(), pk=pk)
    try:
        indicator_unlink(author=request.user, indicator=indicator, result=result)
        messages.success(request, _("The result no longer uses “%(name)s”.") % {"name": indicator.name})
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("plans:plan_detail", pk=result.plan_id)


@login_required
def indicator_update_view(request, pk: int):
    indicator = _indicator(request, pk)
    require(can_edit_indicator(request.user, indicator))
    form = IndicatorForm(request.POST or None, instance=indicator, initial={"version": indicator.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            indicator_update(author=request.user, indicator=indicator, version=version, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The indicator was saved."))
            return redirect("plans:indicator_detail", pk=indicator.pk)
    context = {"form": form, "indicator": indicator}
    status = 409 if form.has_error("__all__", "stale") else 400 if form.errors else 200
    return render(request, "plans/indicator_form.html", context, status=status)


def _year(text: str) -> int | None:
    return int(text) if text.isdigit() and 1900 <= int(text) <= 2100 else None


@login_required
def indicator_data_view(request, pk: int):
    indicator = _indicator(request, pk)
    require(can_edit_indicator(request.user, indicator))
    groups = indicator_grid_groups(indicator=indicator)
    points = list(indicator.data_points.all())
    existing = {(p.year, p.group_id): p.value for p in points}
    margins = {(p.year, p.group_id): p.margin_of_error for p in points}
    people = {(p.year, p.group_id): p.people for p in points}
    known = {y for y, _g in existing} | ({indicator.baseline_year} if indicator.baseline_year else set())
    # A row for a year just added (?year=) and, on "save and add", for the year typed in.
    extra = _year(request.GET.get("year", "")), _year(request.POST.get("new_year", ""))
    years = sorted(known | {y for y in extra if y})
    form = IndicatorGridForm(
        request.POST or None,
        years=years,
        groups=groups,
        values=existing,
        margins=margins,
        people=people,
        places=indicator.decimal_places,
        initial={"version": indicator.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            indicator_data_save(
                author=request.user,
                indicator=indicator,
                version=form.cleaned_data["version"],
                values=form.cell_values(),
                margins=form.cell_margins(),
                people=form.cell_people(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if "add_year" in request.POST and extra[1]:
                messages.success(request, _("Saved. Fill in the row for %(year)d.") % {"year": extra[1]})
                return redirect(f"{request.path}?year={extra[1]}")
            messages.success(request, _("The data was saved."))
            return redirect("plans:indicator_detail", pk=indicator.pk)
    context = {
        "form": form,
        "indicator": indicator,
        "groups": groups,
        "suppress_below": settings.EQUITY_PUBLIC_SUPPRESS_BELOW,
    }
    status = 409 if form.has_error("__all__", "stale") else 400 if form.errors else 200
    return render(request, "plans/indicator_data.html", context, status=status)


def _imported_message(outcome: UploadOutcome) -> str:
    message = _("%(n)d values were imported.") % {"n": outcome.saved}
    if outcome.no_value:
        message += " " + _("%(n)d rows had no value (N/A, suppressed…) and were skipped.") % {"n": outcome.no_value}
    if outcome.left_out:
        message += " " + _("%(n)d rows were left out, as you chose.") % {"n": outcome.left_out}
    return message


@login_required
def indicator_upload_view(request, pk: int):
    """Step 1 of the upload: check the file; import it, or go on to matching its group names."""
    indicator = _indicator(request, pk)
    require(can_edit_indicator(request.user, indicator))
    initial = {"version": indicator.version, "source": indicator.data_source}
    form = IndicatorUploadForm(request.POST or None, request.FILES or None, initial=initial)
    row_errors, unknown_names = [], []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcome = indicator_upload_start(
                author=request.user, indicator=indicator, upload=data["file"], source=data["source"],
                version=data["version"],
            )  # fmt: skip
        except ImportRefused as exc:
            row_errors, unknown_names = exc.errors, exc.unknown_names
            form.add_error("file", exc.messages)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if outcome.pending is not None:
                return redirect("plans:indicator_upload_map", pk=indicator.pk, upload_pk=outcome.pending.pk)
            messages.success(request, _imported_message(outcome))
            return redirect("plans:indicator_detail", pk=indicator.pk)
    context = {
        "form": form,
        "indicator": indicator,
        "row_errors": row_errors,
        "unknown_names": unknown_names,
        "groups": RacialGroup.objects.filter(is_active=True),
    }
    status = 409 if form.has_error("__all__", "stale") else 400 if form.errors else 200
    return render(request, "plans/indicator_upload.html", context, status=status)


@login_required
def indicator_upload_map_view(request, pk: int, upload_pk: int):
    """Step 2: match each group name the file uses that the portal does not know; then the import runs."""
    indicator = _indicator(request, pk)
    require(can_edit_indicator(request.user, indicator))
    pending = get_object_or_404(pending_upload_for_user(user=request.user, indicator=indicator), pk=upload_pk)
    review = indicator_upload_review(pending=pending)
    names = list(review.unknown.values())
    form = GroupMappingForm(
        request.POST or None,
        names=names,
        groups=list(RacialGroup.objects.filter(is_active=True)),
        can_add_group=can_manage_periods(request.user),
        initial={"version": indicator.version},
    )
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            outcome = indicator_upload_finish(
                author=request.user, pending=pending, version=form.cleaned_data["version"], choices=form.choices()
            )
        except ImportRefused as exc:
            row_errors = exc.errors
            form.add_error(None, exc.messages)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _imported_message(outcome))
            return redirect("plans:indicator_detail", pk=indicator.pk)
    context = {"form": form, "indicator": indicator, "pending": pending, "review": review, "row_errors": row_errors}
    status = 409 if form.has_error("__all__", "stale") else 400 if form.errors else 200
    return render(request, "plans/indicator_upload_map.html", context, status=status)


class IndicatorHistoryView(HistoryView):
    def get_queryset(self):
        return indicator_list_for_user(user=self.request.user)
