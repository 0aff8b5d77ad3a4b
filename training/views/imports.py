"""Roster import: upload → map columns → check and resolve rows → save."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equity.exports import csv_response
from equity.views.shortcuts import require
from training.forms import CapacityConfirmForm, ColumnMappingForm, RosterUploadForm, staff_choices
from training.models import Attendance, RosterImport
from training.permissions import can_log_session
from training.roster_import import (
    EXAMPLE_ROWS,
    FIELDS,
    MAX_PROBLEMS_SHOWN,
    roster_import_check,
    roster_import_commit,
    roster_import_resolve,
    roster_import_set_mapping,
    roster_import_start,
)
from training.selectors import roster_import_list_for_user
from training.views.sessions import _editable_session


def _import_for(request, pk: int) -> RosterImport:
    require(can_log_session(request.user))
    return get_object_or_404(roster_import_list_for_user(user=request.user), pk=pk)


def _already_saved(request, imp: RosterImport) -> HttpResponse | None:
    """A saved import cannot be changed again: send the user to the session instead."""
    if imp.status == RosterImport.Status.PENDING:
        return None
    messages.info(request, _("This file has already been imported."))
    return redirect("training:session_detail", pk=imp.session_id)


@login_required
def roster_template_view(request):
    """The downloadable example roster with the documented columns."""
    return csv_response(filename="roster-example.csv", header=list(FIELDS), rows=EXAMPLE_ROWS)


@login_required
def roster_import_upload_view(request, pk: int):
    session = _editable_session(request, pk)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            imp = roster_import_start(author=request.user, session=session, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            return redirect("training:roster_import_map", pk=imp.pk)
    return render(request, "training/import_upload.html", {"form": form, "session": session, "fields": FIELDS.items()})


@login_required
def roster_import_map_view(request, pk: int):
    imp = _import_for(request, pk)
    if done := _already_saved(request, imp):
        return done
    form = ColumnMappingForm(request.POST or None, header=imp.header, initial=imp.mapping)
    if request.method == "POST" and form.is_valid():
        try:
            roster_import_set_mapping(author=request.user, imp=imp, mapping=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("training:roster_import_review", pk=imp.pk)
    sample = [cells for _line, cells in imp.rows[:3]]
    return render(request, "training/import_map.html", {"form": form, "imp": imp, "sample": sample})


def _posted_resolutions(post, lines: list[int]) -> dict[str, dict]:
    """Read `r-<line>-action|user|status|minutes|name|organisation` fields for the rows shown."""
    resolutions: dict[str, dict] = {}
    for line in lines:
        prefix = f"r-{line}-"
        action = post.get(prefix + "action", "")
        resolution: dict = {"action": action}
        if action == "user":
            try:
                resolution["user"] = int(post.get(prefix + "user", ""))
            except ValueError:
                resolution["user"] = None
        if action == "external":
            resolution["name"] = post.get(prefix + "name", "").strip()
            resolution["organisation"] = post.get(prefix + "organisation", "").strip()
        status = post.get(prefix + "status", "")
        if status:
            if status not in Attendance.Status.values:
                raise ValidationError(_("Unknown status."))
            resolution["status"] = status
        if prefix + "minutes" in post:
            resolution["minutes"] = post.get(prefix + "minutes", "").strip()[:20]
        resolutions[str(line)] = resolution
    return resolutions


@login_required
def roster_import_review_view(request, pk: int):
    """The check: problem rows listed by row with a way to resolve each, then the save button once clean."""
    imp = _import_for(request, pk)
    if done := _already_saved(request, imp):
        return done
    if request.method == "POST":
        try:
            lines = [int(v) for v in request.POST.getlist("line")]
            roster_import_resolve(author=request.user, imp=imp, resolutions=_posted_resolutions(request.POST, lines))
        except (ValueError, ValidationError):
            return HttpResponseBadRequest(_("The form was changed in a way the portal cannot accept."))
        return redirect("training:roster_import_review", pk=imp.pk)
    check = roster_import_check(imp=imp)
    problems = check.problems
    labels = dict(Attendance.Status.choices)
    context = {
        "imp": imp,
        "session": imp.session,
        "check": check,
        "problems": problems[:MAX_PROBLEMS_SHOWN],
        "too_many": len(problems) > MAX_PROBLEMS_SHOWN,
        "problem_count": len(problems),
        "ready_count": len(check.ready),
        "dropped": check.dropped,
        "preview": [
            {
                "row": r,
                "user": check.users.get(r.user_id) if r.user_id else None,
                "status": labels.get(r.status, r.status),
            }
            for r in check.ready[:20]
        ],
        "staff_choices": staff_choices() if problems else [],
        "statuses": Attendance.Status.choices,
        "mapped": [(FIELDS[k], v) for k, v in imp.mapping.items()],
        "confirm": CapacityConfirmForm(),
    }
    return render(request, "training/import_review.html", context)


@login_required
@require_POST
def roster_import_save_view(request, pk: int):
    imp = _import_for(request, pk)
    if done := _already_saved(request, imp):
        return done
    confirm = request.POST.get("confirm_over_capacity") in ("on", "true", "1")
    try:
        count = roster_import_commit(author=request.user, imp=imp, confirm_over_capacity=confirm)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("training:roster_import_review", pk=imp.pk)
    messages.success(request, _("%(n)d attendance records have been imported.") % {"n": count})
    return redirect("training:session_detail", pk=imp.session_id)
