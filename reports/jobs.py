"""Report job services (request, send, run, retry, sweep, purge) and selectors.

Idempotency: every state change happens under a row lock (`select_for_update`). A run publishes its PDF by renaming a
temporary file onto the job's one final name, and only the run that still owns the job (status running, same attempt,
same lease owner) may publish and mark it done, so a task delivered twice yields one file and one "done".

A run holds a lease on its job (reports.leases, ADR 0043) that its death releases; a delivery that meets a live lease
is retried when it would end. The same request while one is open gets that job (`dedupe_key`, unique in the database).
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from equity import permissions
from equity.audit import audited_save
from equity.broker import task_send_bounded
from equity.i18n.documents import active_document_language, document_language
from equity.models import User
from reports import leases, render
from reports.failures import ReportParamsInvalid, report_failure_message, report_params_check
from reports.kinds import ReportKind, report_kind_get
from reports.models import ReportJob
from reports.notices import report_job_outcome_notify

logger = logging.getLogger(__name__)

Status = ReportJob.Status
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (OperationalError, InterfaceError)


class TransientReportError(Exception):
    """A failure worth retrying (the database or a file system hiccup), not a fault in the report."""


class ReportJobBusy(Exception):
    """Another live run owns the job: deliver the task again in `retry_in` seconds, when its lease would end."""

    def __init__(self, *, job_id: int, retry_in: float) -> None:
        super().__init__(f"report job {job_id} is being built by another run; retry in {retry_in:.0f}s")
        self.retry_in = retry_in


# --- selectors -------------------------------------------------------------------------------------------------


def report_job_list_for_user(*, user: User) -> QuerySet[ReportJob]:
    """Jobs the user may see: their own; the equity team sees everyone's."""
    qs = ReportJob.objects.select_related("requested_by", "department")
    if permissions.is_equity_team(user):
        return qs
    return qs.filter(requested_by=user)


# What a row of the Reports list shows: loading only these keeps a page of rows to two small instances each.
JOB_ROW_FIELDS = (
    "title", "kind", "params", "status", "queued_at", "file",
    "requested_by__preferred_name", "requested_by__full_name", "requested_by__username",
)  # fmt: skip


def report_job_page_list(*, user: User) -> QuerySet[ReportJob]:
    """The Reports list's rows: visible jobs, each with its requester and only the columns a row shows."""
    return report_job_list_for_user(user=user).select_related(None).select_related("requested_by").only(*JOB_ROW_FIELDS)


def report_job_target(*, job: ReportJob, user: User):
    """The job's target record if `user` may still see it (404 otherwise): the download check."""
    kind = report_kind_get(job.kind)
    if kind is None:
        raise Http404
    target = kind.target_for_user(user=user, pk=job.params.get("target"))
    if target is None and not kind.can_request(user, None):
        raise Http404  # a report without a target record: whoever may request it may download it
    return target


def report_file_path(*, job: ReportJob) -> Path:
    """The job's one final file name, under the private MEDIA_ROOT (never served as a static or media URL)."""
    return Path(settings.MEDIA_ROOT) / "reports" / f"{job.queued_at:%Y/%m}" / f"report-{job.pk}.pdf"


def can_retry_report_job(*, user: User, job: ReportJob) -> bool:
    """The requester or the equity team may retry a failed job, or rebuild one whose file was removed."""
    retryable = job.status == Status.FAILED or (job.status == Status.DONE and not job.file)
    return retryable and (job.requested_by_id == user.pk or permissions.is_equity_team(user))


# --- request and send ------------------------------------------------------------------------------------------


def report_request_key(*, kind_code: str, params: dict, language: str) -> str:
    """The request's identity among its requester's open jobs: a hash of the kind, parameters (with target) and
    language (the same report in two languages is two jobs)."""
    request = {"kind": kind_code, "params": params, "language": language}
    canonical = json.dumps(request, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _open_job(*, user: User, key: str) -> ReportJob | None:
    return ReportJob.objects.filter(
        requested_by=user, dedupe_key=key, status__in=(Status.QUEUED, Status.RUNNING)
    ).first()


def report_job_request(
    *, user: User, kind: ReportKind[Any], target, params: dict, language: str | None = None
) -> ReportJob:
    """Create a queued job in its own transaction and send it to the workers only after commit. The report is
    written in `language` (a portal language), by default the one active now: the request's.

    The same request (user, kind, parameters, target) while one is queued or running returns that job, marked
    `deduplicated`: the database's unique constraint decides between concurrent requests, never a check first.
    """
    if not kind.can_request(user, target):
        raise PermissionDenied
    report_params_check(kind=kind, target=target, user=user, params=params)  # the kind's form: ReportParamsInvalid
    job_params = {**params, "target": target.pk if target is not None else None}
    language = document_language(language) if language else active_document_language()
    key = report_request_key(kind_code=kind.code, params=job_params, language=language)
    with translation.override(language):
        title = str(kind.title(target, params))[:250]
    for _attempt in range(3):  # the open job may finish between the refused insert and the look-up: insert again
        try:
            with transaction.atomic():
                job = ReportJob(
                    kind=kind.code,
                    title=title,
                    params=job_params,
                    requested_by=user,
                    department=kind.department_of(target),
                    queued_at=timezone.now(),
                    dedupe_key=key,
                    language=language,
                )
                audited_save(job, author=user)
                transaction.on_commit(partial(report_job_send, job=job))
        except IntegrityError:
            existing = _open_job(user=user, key=key)
            if existing is None:
                continue
            existing.deduplicated = True
            return existing
        job.deduplicated = False
        return job
    raise TransientReportError("the same report request kept changing state")


def report_job_send(*, job: ReportJob) -> bool:
    """Send the build task; if the broker is unreachable, leave the job queued for the sweeper and return False."""
    from reports.tasks import report_build

    if not task_send_bounded(report_build, kwargs={"job_id": job.pk}, queue=settings.REPORTS_QUEUE):
        job.send_failed = True
        return False
    job.send_failed = False
    sent_at = timezone.now()
    # Bookkeeping only (no history): the job row may already have moved on if the task ran in-process.
    ReportJob.objects.filter(pk=job.pk).update(sent_at=sent_at)
    job.sent_at = sent_at
    return True


def _params_refusal(*, job: ReportJob, target) -> ReportParamsInvalid | None:
    kind = report_kind_get(job.kind)
    try:
        if kind is not None:
            report_params_check(kind=kind, target=target, user=job.requested_by, params=job.params)
    except ReportParamsInvalid as refusal:
        return refusal
    return None


def report_job_retry(*, job: ReportJob, user: User) -> ReportJob:
    """Queue a failed job (or one whose file was removed) again; the target must still be visible to the user.
    Parameters the kind's form now refuses fail the job with that readable reason and raise ReportParamsInvalid."""
    refusal = _params_refusal(job=job, target=report_job_target(job=job, user=user))
    with transaction.atomic():
        locked = ReportJob.objects.select_for_update().get(pk=job.pk)
        if not can_retry_report_job(user=user, job=locked):
            raise PermissionDenied
        if refusal is not None:
            locked.status, locked.error = Status.FAILED, refusal.message
            audited_save(locked, author=user)
        else:
            locked.status = Status.QUEUED
            locked.error = ""
            locked.queued_at = timezone.now()
            locked.sent_at = locked.started_at = locked.finished_at = None
            locked.lost_runs = 0
            try:
                with transaction.atomic():
                    audited_save(locked, author=user)
            except IntegrityError:  # the same request was asked for again meanwhile: that job is the one to follow
                existing = _open_job(user=locked.requested_by, key=locked.dedupe_key)
                if existing is None:
                    raise
                existing.deduplicated = True
                return existing
            transaction.on_commit(lambda: report_job_send(job=locked))
    if refusal is not None:
        raise refusal
    locked.deduplicated = False
    return locked


# --- the run (called by the Celery task) -----------------------------------------------------------------------


def _claim(*, job_id: int) -> ReportJob | None:
    """Lock the job and take its lease, or return None if it is finished; raise ReportJobBusy if a live run owns it."""
    with transaction.atomic():
        job = ReportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status in (Status.DONE, Status.FAILED):
            return None
        now = timezone.now()
        if job.status == Status.RUNNING:
            lease_end = leases.lease_end(job, now)
            if lease_end > now and not leases.owner_is_gone(job.lease_owner):
                raise ReportJobBusy(job_id=job.pk, retry_in=(lease_end - now).total_seconds())
            # Its run was lost (killed: the broker redelivered the task), so this delivery takes the job over.
            logger.warning("Report job %s: run %s of %s was lost; taking over", job.pk, job.attempts, job.lease_owner)
            if not leases.lose_run(job, now):
                return None
        job.status = Status.RUNNING
        job.attempts += 1
        job.started_at = now
        job.finished_at = None
        job.error = ""
        job.lease_owner = leases.owner_here()
        job.lease_expires_at = now + timedelta(seconds=settings.REPORTS_LEASE_SECONDS)
        job.save()
        return job


def _finish(*, job: ReportJob, status: str, error: str = "", rendered=None) -> bool:
    """Record the outcome if this run still owns the job; publish the file only then."""
    with transaction.atomic():
        locked = ReportJob.objects.select_for_update().get(pk=job.pk)
        if locked.status != Status.RUNNING or locked.attempts != job.attempts or locked.lease_owner != job.lease_owner:
            if rendered is not None:
                render.report_pdf_discard(rendered=rendered)
            return False
        locked.status = status
        locked.lease_owner, locked.lease_expires_at = "", None
        locked.finished_at = timezone.now()
        locked.error = error
        if rendered is not None:
            final_path = report_file_path(job=locked)
            render.report_pdf_publish(rendered=rendered, final_path=final_path)
            locked.file.name = str(final_path.relative_to(settings.MEDIA_ROOT))
            locked.file_size = rendered.size
            locked.page_count = rendered.pages
            locked.purged_at = None
        locked.save()
        report_job_outcome_notify(job=locked)
        return True


def _requeue(*, job: ReportJob) -> None:
    """Put a job back to queued after a transient failure, so its retry (or the sweeper) can claim it."""
    with transaction.atomic():
        locked = ReportJob.objects.select_for_update().get(pk=job.pk)
        if locked.status == Status.RUNNING and locked.attempts == job.attempts:
            locked.status = Status.QUEUED
            locked.started_at = None
            locked.lease_owner, locked.lease_expires_at = "", None
            locked.save()


def report_context(*, job: ReportJob, kind: ReportKind, target) -> dict:
    """The kind's context plus what every report shows: the job, generation time, requester and city."""
    return {
        **kind.build_context(job, target),
        "job": job,
        "kind": kind,
        "generated_at": timezone.now(),
        "requested_by": job.requested_by,
        "city_name": settings.CITY_NAME,
    }


def report_job_run(*, job_id: int, final_attempt: bool = True) -> str | None:
    """Build one job's PDF; returns the status it ended in, or None if this run did nothing (duplicate/finished).

    Transient errors raise TransientReportError (the job goes back to queued) unless this is the final attempt,
    in which case the job is marked failed. Any other error marks the job failed with a readable message. A job that
    a live run owns raises ReportJobBusy (the task tries again when that run's lease would end).
    """
    job = _claim(job_id=job_id)
    if job is None:
        return None
    heartbeat = leases.Heartbeat(job)
    heartbeat.start()
    try:
        return _build(job=job, final_attempt=final_attempt)
    finally:
        heartbeat.stop()


def _build(*, job: ReportJob, final_attempt: bool) -> str:
    kind = report_kind_get(job.kind)
    if kind is None:
        _finish(job=job, status=Status.FAILED, error=_("This kind of report is no longer available."))
        return Status.FAILED
    rendered = None
    try:
        target = None
        if kind.targets_for_user is not None:
            target = kind.targets_for_user(job.requested_by).filter(pk=job.params.get("target")).first()
        if target is None and kind.targets_for_user is not None:
            _finish(job=job, status=Status.FAILED, error=_("The record this report is about is no longer available."))
            return Status.FAILED
        with translation.override(document_language(job.language)):  # the request's, in a worker or in-process
            report_params_check(kind=kind, target=target, user=job.requested_by, params=job.params)
            context = report_context(job=job, kind=kind, target=target)
            html = render.report_html(template=kind.template, context=context)
        rendered = render.report_pdf_write(html=html, final_path=report_file_path(job=job))
    except TRANSIENT_ERRORS as exc:
        if rendered is not None:
            render.report_pdf_discard(rendered=rendered)
        if not final_attempt:
            _requeue(job=job)
            raise TransientReportError(str(exc)) from exc
        logger.exception("Report job %s failed on its last attempt", job.pk)
        _finish(job=job, status=Status.FAILED, error=report_failure_message(exc))
        return Status.FAILED
    except ReportParamsInvalid as exc:  # already readable and in the job's language: no traceback to log
        logger.warning("Report job %s refused its parameters: %s", job.pk, exc.message)
        _finish(job=job, status=Status.FAILED, error=exc.message)
        return Status.FAILED
    except Exception as exc:  # noqa: BLE001 - a broken report must fail its job, never the worker
        logger.exception("Report job %s failed", job.pk)  # the exception is for the logs; the user reads a message
        with translation.override(document_language(job.language)):
            error = report_failure_message(exc)
        _finish(job=job, status=Status.FAILED, error=error)
        return Status.FAILED
    _finish(job=job, status=Status.DONE, rendered=rendered)
    return Status.DONE
