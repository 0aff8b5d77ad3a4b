"""A person's training record, the completion report and the exports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control

from equity.exports import csv_response, xlsx_response
from equity.pagination import page_of
from equity.views.shortcuts import require
from training.charts import completion_chart_svg
from training.completion import (
    completion_departments_for_user,
    completion_export_rows,
    completion_modules,
    completion_report_for_user,
)
from training.forms import CompletionFilterForm
from training.permissions import can_export_attendance, can_view_completion
from training.registration_selectors import my_registration_list
from training.requirements import person_dues
from training.selectors import attendance_list_for_user, person_list_for_user, person_record
from training.views.required_context import required_inputs, required_training_context
from training.views.sessions import session_filters

L = gettext_lazy
ATTENDANCE_HEADER = [
    L("Date"), L("Module"), L("Person"), L("E-mail"), L("Employee ID"), L("Organisation"), L("Department at the time"),
    L("Status"), L("Minutes"), L("Completed"), L("Hours credited"),
]  # fmt: skip
COMPLETION_HEADER = [L("Department"), L("Module"), L("Staff required"), L("Completed"), L("Percent"), L("Still needed")]


@login_required
def person_record_view(request, pk: int | None = None):
    """Modules completed, hours and dates: your own, your departments' people (managers), everyone (equity team)."""
    person = request.user if pk is None else get_object_or_404(person_list_for_user(user=request.user), pk=pk)
    record = person_record(person=person)
    page = page_of(request, record.attendances)
    registrations = list(my_registration_list(user=person)) if person == request.user else None
    dues = person_dues(person=person)
    context = {"record": record, "person": person, "page_obj": page, "registrations": registrations, "dues": dues}
    return render(request, "training/person_record.html", context)


def _completion_params(request):
    """The filter form, the departments the user may see and the report's arguments: the filters chosen and the
    active modules (read once, for the form's options and the report)."""
    departments = completion_departments_for_user(user=request.user)
    active = completion_modules()
    filters = CompletionFilterForm(request.GET or None, departments=departments, modules=active)
    params = filters.cleaned_data if filters.is_valid() else {}
    return (
        filters,
        departments,
        {
            "module": params.get("module"),
            "department": params.get("department"),
            "date_from": params.get("date_from"),
            "date_to": params.get("date_to"),
            "active": active,
        },
    )


@login_required
def completion_report_view(request):
    require(can_view_completion(request.user))
    filters, departments, params = _completion_params(request)
    # Names are listed for one department or a manager's few; city-wide, counts only (thousands of names help no one).
    with_names = params["department"] is not None or len(departments) <= 3
    # The city-wide totals row shows only under two departments or more (one aggregate query fewer without it).
    with_totals = params["department"] is None and len(departments) > 1
    # The overdue section's requirements and, city-wide, its counts: counted with the report's figures.
    required = required_inputs(with_names=with_names)
    report = completion_report_for_user(
        user=request.user, with_names=with_names, with_totals=with_totals, visible=departments,
        people_conditions=required.conditions, **params,
    )  # fmt: skip
    context = {
        "filters": filters,
        "report": report,
        "has_chart": bool(report.modules and report.rows),
        "query": request.GET.urlencode(),
    }
    context.update(
        required_training_context(
            user=request.user,
            report=report,
            params=params,
            with_names=with_names,
            visible=departments,
            inputs=required,
        )  # fmt: skip
    )
    return render(request, "training/completion_report.html", context)


@login_required
@cache_control(private=True, max_age=300)
def completion_chart_view(request):
    """The report's chart alone, as an SVG image the report page loads beside its table (city-wide it is ~80 KB:
    kept out of the page's HTML, drawn once per set of figures)."""
    require(can_view_completion(request.user))
    _filters, departments, params = _completion_params(request)
    report = completion_report_for_user(
        user=request.user, with_names=False, with_totals=False, visible=departments, **params
    )
    return HttpResponse(completion_chart_svg(report=report), content_type="image/svg+xml")


@login_required
def completion_export_view(request, fmt: str):
    require(can_view_completion(request.user))
    _filters, departments, params = _completion_params(request)
    report = completion_report_for_user(user=request.user, with_names=False, visible=departments, **params)
    rows = completion_export_rows(report=report)
    if fmt == "xlsx":
        return xlsx_response(
            filename="training-completion.xlsx",
            sheet_title=_("Completion"),
            header=COMPLETION_HEADER,
            rows=rows,
        )
    return csv_response(filename="training-completion.csv", header=COMPLETION_HEADER, rows=rows)


def _attendance_rows(qs):
    columns = (
        "session__date", "session__module__title", "user__full_name", "external_name", "user__email",
        "user__employee_id", "external_organisation", "department__name", "status", "minutes", "completed",
        "session__hours_credited",
    )  # fmt: skip
    labels = dict(qs.model.Status.choices)
    for row in qs.values_list(*columns).iterator(chunk_size=2000):
        date, module, full_name, external, email, employee_id, org, dept, status, minutes, completed, hours = row
        yield [
            date, module, full_name or external, email or "", employee_id or "", org, dept or "",
            str(labels.get(status, status)), minutes, _("Yes") if completed else _("No"),
            hours if completed else 0,
        ]  # fmt: skip


@login_required
def attendance_export_view(request, fmt: str):
    """Attendance rows the user may see, filtered like the session list, streamed as CSV or XLSX."""
    require(can_export_attendance(request.user))
    _filters, params = session_filters(request)
    qs = attendance_list_for_user(user=request.user).order_by("session__date", "session_id", "pk")
    if params["module"]:
        qs = qs.filter(session__module=params["module"])
    if params["department"]:
        qs = qs.filter(department=params["department"])
    if params["date_from"]:
        qs = qs.filter(session__date__gte=params["date_from"])
    if params["date_to"]:
        qs = qs.filter(session__date__lte=params["date_to"])
    if params["session_format"]:
        qs = qs.filter(session__format=params["session_format"])
    rows = _attendance_rows(qs)
    if fmt == "xlsx":
        return xlsx_response(
            filename="training-attendance.xlsx",
            sheet_title=_("Attendance"),
            header=ATTENDANCE_HEADER,
            rows=rows,
        )
    return csv_response(filename="training-attendance.csv", header=ATTENDANCE_HEADER, rows=rows)
