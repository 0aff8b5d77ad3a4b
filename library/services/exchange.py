"""Importing an exchange file: everything the preview listed is created in one transaction, or nothing is.

A large file (over IMPORT_INLINE_MAX_ITEMS records to create, 50) is imported by a worker: the request records an
`ExchangeImport` job holding the checked file and answers at once with the job's page (ADR 0046).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from equity.audit import audited_save
from equity.broker import task_send_bounded
from equity.models import User
from library.exchange import ExchangeError, ImportPlan, exchange_parse, import_plan
from library.models import ExchangeImport, Practice
from tools.models import Template
from tools.services.template_exchange import template_import

logger = logging.getLogger(__name__)
# About a second of work in a request; above it, a job. Measured (SQLite, a busy 2-core machine): 100 practices with
# their history and links 4.0 s, 1,000 practices 25 s at a steady 139 MB (docs/reliability.md).
IMPORT_INLINE_MAX_ITEMS = 50


@transaction.atomic
def exchange_import(*, author: User, document: dict) -> tuple[list[Practice], list[Template]]:
    """Create the practices and templates of a checked document not already here (matched by uid); returns them."""
    plan = import_plan(document=document)
    templates = [
        template_import(record=item.record, slug=item.slug, author=author, source=plan.source)
        for item in plan.templates_to_create
    ]
    created: list[Practice] = []
    for item in plan.to_create:
        record = item.record
        practice = Practice(
            uid=item.uid,
            title=record["title"],
            summary=record["summary"],
            kind=record["kind"],
            jurisdiction=item.jurisdiction,
            jurisdiction_name=record["jurisdiction"],
            source_url=record.get("source_url", ""),
            evidence=record.get("evidence", ""),
            status=item.status,
            tags=", ".join(record.get("tags", [])),
            review_state=Practice.Review.PUBLISHED,
            imported_from=plan.source[:150],
        )
        audited_save(practice, author=author)
        practice.equity_areas.set(item.areas)
        practice.departments.set(item.departments)
        created.append(practice)
    return created, templates


def import_runs_in_background(*, plan: ImportPlan) -> bool:
    """Whether an import is large enough to be handed to a worker rather than run in the request."""
    return len(plan.to_create) + len(plan.templates_to_create) > IMPORT_INLINE_MAX_ITEMS


@transaction.atomic
def exchange_import_queue(*, author: User, filename: str, payload: str, plan: ImportPlan) -> ExchangeImport:
    """Record a job for a checked file and send it to a worker once the job is committed."""

    job = ExchangeImport(
        uploaded_by=author,
        filename=filename[:200],
        payload=payload,
        practice_total=len(plan.to_create),
        template_total=len(plan.templates_to_create),
    )
    audited_save(job, author=author, reason="queued")

    def send() -> None:
        exchange_import_job_send(job=job)

    transaction.on_commit(send)
    return job


def exchange_import_job_run(*, job_id: int) -> ExchangeImport | None:
    """Run one queued job: check the file again, import it all or nothing, record the outcome on the job."""
    with transaction.atomic():
        job = ExchangeImport.objects.select_for_update().filter(pk=job_id, status=ExchangeImport.Status.QUEUED).first()
        if job is None:
            return None  # already claimed by another delivery of the message, or gone
        job.status = ExchangeImport.Status.RUNNING
        job.started_at = timezone.now()
        job.attempts += 1
        audited_save(job, author=job.uploaded_by, reason="started")
    try:
        document = exchange_parse(raw=job.payload.encode("utf-8"))
        created, templates = exchange_import(author=job.uploaded_by, document=document)
    except ExchangeError as exc:
        job.status, job.error = ExchangeImport.Status.FAILED, "; ".join(exc.problems[:5])
    except Exception:
        logger.exception("exchange import %s failed", job.pk)
        job.status = ExchangeImport.Status.FAILED
        job.error = _("The import stopped with an unexpected error; nothing was saved. Upload the file again.")
    else:
        job.status, job.payload = ExchangeImport.Status.DONE, ""
        job.practices_created, job.templates_created = len(created), len(templates)
    job.finished_at = timezone.now()
    audited_save(job, author=job.uploaded_by, reason=job.status)
    return job


def exchange_import_job_send(*, job: ExchangeImport) -> bool:
    """Hand a queued job to a worker, waiting on the broker about a second at most; if it cannot be reached the job
    stays queued (its page says so) and the sweep sends it later."""
    from library.tasks import exchange_import_run  # the task module imports this one

    if not task_send_bounded(exchange_import_run, kwargs={"job_id": job.pk}):
        return False
    ExchangeImport.objects.filter(pk=job.pk).update(sent_at=timezone.now())  # bookkeeping only, no history
    return True


def exchange_imports_recover(*, now=None) -> int:
    """The sweep (beat, every minute): send again a job left waiting (the broker was down, or the message was lost)
    and queue again one whose worker died mid-import (its transaction was rolled back, so nothing of it was saved);
    a job lost `EXCHANGE_IMPORT_MAX_ATTEMPTS` times fails with a reason. Returns how many jobs it sent."""
    now = now or timezone.now()
    waiting = now - timedelta(seconds=settings.EXCHANGE_IMPORT_RESEND_AFTER)
    lost = now - timedelta(seconds=settings.EXCHANGE_IMPORT_LOST_AFTER)
    stale = ExchangeImport.objects.filter(
        Q(status=ExchangeImport.Status.QUEUED) & (Q(sent_at__isnull=True) | Q(sent_at__lte=waiting))
        | Q(status=ExchangeImport.Status.RUNNING, started_at__lte=lost)
    )
    sent = 0
    for pk in stale.order_by("pk").values_list("pk", flat=True)[:100]:
        with transaction.atomic():
            job = ExchangeImport.objects.select_for_update().get(pk=pk)
            if job.status == ExchangeImport.Status.RUNNING:
                if job.attempts >= settings.EXCHANGE_IMPORT_MAX_ATTEMPTS:
                    job.status, job.finished_at = ExchangeImport.Status.FAILED, now
                    job.error = _(
                        "The import stopped without finishing %(n)d times; nothing was saved. Upload the file again, "
                        "or split it into smaller files."
                    ) % {"n": job.attempts}
                    audited_save(job, author=job.uploaded_by, reason="lost")
                    continue
                job.status, job.started_at = ExchangeImport.Status.QUEUED, None
                audited_save(job, author=job.uploaded_by, reason="requeued: its worker was lost")
        if not exchange_import_job_send(job=job):
            break  # the broker is still down: the next sweep tries again
        sent += 1
    return sent
