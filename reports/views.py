"""Report pages: my jobs, requesting a report, a job's status (polled with htmx), download and retry."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from equity import permissions
from equity.pagination import page_of
from reports import jobs
from reports.failures import ReportParamsInvalid
from reports.forms import TargetChoiceForm
from reports.kinds import report_kind_get, report_kinds_for_user
from reports.visibility import report_job_shown_title, report_jobs_with_shown_titles

QUEUE_DOWN_MESSAGE = _(
    "The report queue is not reachable right now. Your request is saved and the report will be built "
    "as soon as the queue is back; this page will show it."
)

ALREADY_ASKED_MESSAGE = gettext_lazy("You already asked for this report; it is being built.")


@login_required
def job_list_view(request):
    page = page_of(request, jobs.report_job_page_list(user=request.user))
    page.object_list = report_jobs_with_shown_titles(jobs=page.object_list, user=request.user)
    return render(
        request,
        "reports/job_list.html",
        {
            "page_obj": page,
            "kinds": report_kinds_for_user(request.user),
            "sees_all": permissions.is_equity_team(request.user),
        },
    )


@login_required
def job_choose_view(request, kind: str):
    report_kind = report_kind_get(kind)
    if report_kind is None:
        raise Http404
    if report_kind.targets_for_user is None:
        return redirect("reports:job_create", kind=report_kind.code, target=0)
    chooser = TargetChoiceForm(request.GET or None, kind=report_kind, user=request.user)
    if request.GET and chooser.is_valid():
        return redirect("reports:job_create", kind=report_kind.code, target=chooser.cleaned_data["target"].pk)
    return render(request, "reports/job_target.html", {"kind": report_kind, "form": chooser})


@login_required
def job_create_view(request, kind: str, target: int):
    report_kind = report_kind_get(kind)
    if report_kind is None:
        raise Http404
    record = report_kind.target_for_user(user=request.user, pk=target)
    if not report_kind.can_request(request.user, record):
        raise PermissionDenied
    form = report_kind.form_class(request.POST if request.method == "POST" else None, target=record, user=request.user)
    if request.method == "POST" and form.is_valid():
        job = jobs.report_job_request(
            user=request.user, kind=report_kind, target=record, params=form.params(), language=form.report_language()
        )
        if job.deduplicated:
            messages.info(request, ALREADY_ASKED_MESSAGE)
        elif getattr(job, "send_failed", False):
            messages.warning(request, QUEUE_DOWN_MESSAGE)
        else:
            messages.success(request, _("Your report has been requested."))
        return redirect("reports:job_detail", pk=job.pk)
    context = {"kind": report_kind, "target": record, "target_pk": target, "form": form}
    return render(request, "reports/job_form.html", context)


def _job(request, pk: int):
    return get_object_or_404(jobs.report_job_list_for_user(user=request.user), pk=pk)


def _job_context(request, job) -> dict:
    kind = report_kind_get(job.kind)
    return {
        "job": job,
        "kind": kind,
        "shown_title": report_job_shown_title(job=job, user=request.user),
        "can_retry": jobs.can_retry_report_job(user=request.user, job=job),
        "queue_waiting": job.status == job.Status.QUEUED and job.sent_at is None,
    }


@login_required
def job_detail_view(request, pk: int):
    job = _job(request, pk)
    return render(request, "reports/job_detail.html", _job_context(request, job))


@login_required
def job_status_view(request, pk: int):
    job = _job(request, pk)
    return render(request, "reports/_job_status.html", _job_context(request, job))


@login_required
def job_download_view(request, pk: int):
    job = _job(request, pk)
    jobs.report_job_target(job=job, user=request.user)  # the underlying record must still be visible
    if job.status != job.Status.DONE or not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404
    response = FileResponse(handle, as_attachment=True, filename=f"{slugify(job.title) or 'report'}.pdf")
    response["Content-Type"] = "application/pdf"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def job_retry_view(request, pk: int):
    job = _job(request, pk)
    if not jobs.can_retry_report_job(user=request.user, job=job):
        raise PermissionDenied
    try:
        job = jobs.report_job_retry(job=job, user=request.user)
    except ReportParamsInvalid as refusal:  # the job stays failed and now says why
        messages.error(request, refusal.message)
        return redirect("reports:job_detail", pk=job.pk)
    if job.deduplicated:
        messages.info(request, ALREADY_ASKED_MESSAGE)
    elif getattr(job, "send_failed", False):
        messages.warning(request, QUEUE_DOWN_MESSAGE)
    else:
        messages.success(request, _("The report has been requested again."))
    return redirect("reports:job_detail", pk=job.pk)
