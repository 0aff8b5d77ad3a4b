"""The plan spreadsheet import pages: upload, map the columns, preview and apply; and the example and template."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from equity.exports import csv_response, xlsx_response
from equity.views.shortcuts import add_service_errors, require
from plans.imports import examples
from plans.imports.columns import COLUMNS
from plans.imports.forms import ImportApplyForm, ImportMappingForm, PlanImportUploadForm
from plans.imports.preview import CREATE, UPDATE
from plans.permissions import can_import_plan
from plans.selectors import pending_plan_import_for_user, plan_list_for_user
from plans.services.imports import (
    PlanImportRefused,
    plan_import_apply,
    plan_import_map,
    plan_import_preview,
    plan_import_sheet,
    plan_import_start,
)

PREVIEW_SHOWN = 500  # rows listed on the preview page; the counts cover the whole file


def _editable_plan(request, pk: int):
    plan = get_object_or_404(plan_list_for_user(user=request.user), pk=pk)
    require(can_import_plan(request.user, plan))
    return plan


def _pending(request, plan, import_pk: int):
    return get_object_or_404(pending_plan_import_for_user(user=request.user, plan=plan), pk=import_pk)


@login_required
def plan_import_view(request, pk: int):
    """Step 1: upload the file; a file whose headers were mapped before goes straight to the preview."""
    plan = _editable_plan(request, pk)
    form = PlanImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            pending, known = plan_import_start(author=request.user, plan=plan, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            step = "plans:plan_import_preview" if known else "plans:plan_import_map"
            if known:
                messages.info(request, _("These headers were mapped before: the same columns are used."))
            return redirect(step, pk=plan.pk, import_pk=pending.pk)
    context = {"plan": plan, "form": form, "columns": COLUMNS}
    return render(request, "plans/import_upload.html", context, status=400 if form.errors else 200)


@login_required
def plan_import_map_view(request, pk: int, import_pk: int):
    """Step 2: the column each header fills (guessed, or as remembered); saving remembers the choice."""
    plan = _editable_plan(request, pk)
    pending = _pending(request, plan, import_pk)
    sheet = plan_import_sheet(pending=pending)
    form = ImportMappingForm(request.POST or None, headers=sheet.header, columns=pending.columns)
    if request.method == "POST" and form.is_valid():
        try:
            plan_import_map(
                author=request.user, pending=pending, columns=form.columns(), remember=form.cleaned_data["remember"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("plans:plan_import_preview", pk=plan.pk, import_pk=pending.pk)
    samples = [sheet.rows[0][1][i] if sheet.rows else "" for i in range(len(sheet.header))]
    fields = list(zip([form[f"c{i}"] for i in range(len(sheet.header))], samples, strict=True))
    context = {"plan": plan, "pending": pending, "form": form, "rows": len(sheet.rows), "fields": fields}
    return render(request, "plans/import_map.html", context, status=400 if form.errors else 200)


@login_required
def plan_import_preview_view(request, pk: int, import_pk: int):
    """Step 3: what the file creates and changes, every row's errors; applying needs the preview's token."""
    plan = _editable_plan(request, pk)
    pending = _pending(request, plan, import_pk)
    form = ImportApplyForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            done = plan_import_apply(author=request.user, pending=pending, token=form.cleaned_data["token"])
        except PlanImportRefused:
            status = 400
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            status = 409
        else:
            messages.success(
                request,
                _("The spreadsheet was imported: %(c)d created, %(u)d updated, %(n)d unchanged.")
                % {"c": done.created, "u": done.updated, "n": done.unchanged},
            )
            return redirect("plans:plan_detail", pk=plan.pk)
    try:
        preview = plan_import_preview(author=request.user, pending=pending)
    except ValidationError as exc:  # e.g. checking took longer than the limit
        messages.error(request, " ".join(exc.messages))
        return redirect("plans:plan_import", pk=plan.pk)
    changed = [c for c in preview.changes if c.kind in (CREATE, UPDATE)]
    context = {
        "plan": plan,
        "pending": pending,
        "preview": preview,
        "changed": changed[:PREVIEW_SHOWN],
        "more": max(0, len(changed) - PREVIEW_SHOWN),
        "unchanged": [c for c in preview.changes if c.kind not in (CREATE, UPDATE)][:PREVIEW_SHOWN],
        "errors": preview.errors[:PREVIEW_SHOWN],
        "form": ImportApplyForm(initial={"token": preview.token}),
    }
    return render(request, "plans/import_preview.html", context, status=status)


@login_required
def plan_import_sample_view(request, kind: str, fmt: str):
    """The documented example plan, or the empty template, as CSV or XLSX."""
    if kind not in ("example", "template") or fmt not in ("csv", "xlsx"):
        raise Http404
    rows = examples.example_rows() if kind == "example" else []
    name = f"plan-import-{kind}.{fmt}"
    if fmt == "csv":
        return csv_response(filename=name, header=examples.header(), rows=rows)
    return xlsx_response(filename=name, sheet_title=_("Plan"), header=examples.header(), rows=rows)
