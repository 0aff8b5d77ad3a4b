"""Importing an exchange file: everything the preview listed is created in one transaction, or nothing is.

A large file (over IMPORT_INLINE_MAX_ITEMS records to create, 50) is imported by a worker: the request records an
`ExchangeImport` job holding the checked file and answers at once with the job's page (ADR 0046).
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from equity.audit import audited_save
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
    from library.tasks import exchange_import_run  # the task module imports this one

    job = ExchangeImport(
        uploaded_by=author,
        filename=filename[:200],
        payload=payload,
        practice_total=len(plan.to_create),
        template_total=len(plan.templates_to_create),
    )
    audited_save(job, author=author, reason="queued")

    def send() -> None:
        try:
            exchange_import_run.delay(job_id=job.pk)
        except Exception:  # the broker is down: the job stays queued and its page says so
            logger.exception("exchange import %s could not be sent to a worker", job.pk)

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
