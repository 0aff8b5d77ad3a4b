"""Sharing across jurisdictions: export practices to an exchange file; import one with a preview first."""

from __future__ import annotations

import json
import re
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equity.models import Department
from library.exchange import ExchangeError, exchange_document, exchange_parse, exportable_templates, import_plan
from library.forms import ImportUploadForm
from library.models import Practice
from library.permissions import can_export_practices, can_import_practices
from library.selectors import equity_area_choices, exchange_import_list_for_user, practice_browse_for_user
from library.services.exchange import exchange_import, exchange_import_queue, import_runs_in_background
from library.views.practices import practice_filters_from

SESSION_KEY = "library_import"


@login_required
def exchange_export_view(request):
    """Download the chosen practices (or all that match the filters) as an exchange file."""
    if not can_export_practices(request.user):
        raise PermissionDenied
    departments = list(Department.objects.filter(is_active=True))
    _form, filters = practice_filters_from(request, areas=equity_area_choices(), departments=departments)
    practices = practice_browse_for_user(user=request.user, filters=filters)
    chosen = [value for value in request.GET.getlist("practice") if re.fullmatch(r"[0-9]{1,18}", value)]
    if chosen:
        practices = practices.filter(pk__in=chosen)
    ids = practices.values("pk")
    template_ids = [value for value in request.GET.getlist("template") if re.fullmatch(r"[0-9]{1,18}", value)]
    templates = exportable_templates().filter(pk__in=template_ids)
    if request.GET.get("templates_only") == "1":
        ids = []
    document = exchange_document(practices=Practice.objects.filter(pk__in=ids), templates=templates)
    filename = f"practices-{timezone.localdate().isoformat()}.equity-exchange.json"
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def exchange_import_view(request):
    """Upload an exchange file: every problem listed, or a preview of exactly what will be created."""
    if not can_import_practices(request.user):
        raise PermissionDenied
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        token = secrets.token_urlsafe(16)
        request.session[SESSION_KEY] = {
            "token": token,
            "name": form.cleaned_data["file"].name[:200],
            "payload": form.raw.decode("utf-8-sig"),
        }
        context = {
            "plan": import_plan(document=form.document),
            "token": token,
            "filename": form.cleaned_data["file"].name,
        }
        return render(request, "library/import_preview.html", context)
    return render(request, "library/import_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def exchange_import_confirm_view(request):
    """Create what the preview listed, in one transaction; a stale or tampered confirmation changes nothing."""
    if not can_import_practices(request.user):
        raise PermissionDenied
    pending = request.session.get(SESSION_KEY) or {}
    if not pending or not secrets.compare_digest(str(pending.get("token", "")), request.POST.get("token", "")):
        messages.error(request, _("This import preview has expired. Upload the file again."))
        return redirect("library:exchange_import")
    try:
        document = exchange_parse(raw=pending["payload"].encode("utf-8"))
    except ExchangeError:
        messages.error(request, _("This import preview has expired. Upload the file again."))
        return redirect("library:exchange_import")
    plan = import_plan(document=document)
    if import_runs_in_background(plan=plan):
        job = exchange_import_queue(
            author=request.user, filename=pending["name"], payload=pending["payload"], plan=plan
        )
        del request.session[SESSION_KEY]
        return redirect("library:exchange_import_job", pk=job.pk)
    created, templates = exchange_import(author=request.user, document=document)
    del request.session[SESSION_KEY]
    messages.success(
        request,
        _("%(count)s practice(s) and %(templates)s worksheet template(s) imported from %(name)s.")
        % {"count": len(created), "templates": len(templates), "name": pending["name"]},
    )
    return redirect("library:practice_list")


@login_required
def exchange_import_job_view(request, pk: int):
    """A large import's progress: the uploader and the equity team; the status part is polled while it runs."""
    job = get_object_or_404(exchange_import_list_for_user(user=request.user), pk=pk)
    if request.headers.get("HX-Request"):
        return render(request, "library/_import_job_status.html", {"job": job})
    return render(request, "library/import_job.html", {"job": job})
