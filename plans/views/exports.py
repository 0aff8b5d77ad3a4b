"""CSV and XLSX downloads of a plan's actions and of an indicator's data."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.text import slugify

from equity.exports import csv_response, xlsx_response
from plans.exports import action_rows, indicator_rows
from plans.selectors import plan_list_for_user
from plans.selectors_indicators import indicator_list_for_user

FORMATS = ("csv", "xlsx")


def _respond(*, fmt: str, name: str, sheet: str, header, rows):
    if fmt == "csv":
        return csv_response(filename=f"{name}.csv", header=header, rows=rows)
    return xlsx_response(filename=f"{name}.xlsx", sheet_title=sheet, header=header, rows=rows)


@login_required
def plan_export_view(request, pk: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    plan = get_object_or_404(plan_list_for_user(user=request.user), pk=pk)
    header, rows = action_rows(plan=plan)
    name = f"plan-{plan.pk}-{slugify(plan.title)[:40]}-actions"
    return _respond(fmt=fmt, name=name, sheet="Actions", header=header, rows=rows)


@login_required
def indicator_export_view(request, pk: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    indicator = get_object_or_404(indicator_list_for_user(user=request.user), pk=pk)
    header, rows = indicator_rows(indicator=indicator)
    name = f"indicator-{indicator.pk}-{slugify(indicator.name)[:40]}"
    return _respond(fmt=fmt, name=name, sheet="Data", header=header, rows=rows)
