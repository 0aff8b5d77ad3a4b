"""Celery tasks of the library: thin wrappers that take a job id and call the services."""

from celery import shared_task

from library.services import exchange


@shared_task(name="library.exchange_import", ignore_result=True, acks_late=True, reject_on_worker_lost=True)
def exchange_import_run(job_id: int) -> None:
    """Import one queued exchange file (a large one) in a worker; the job's page shows how it went."""
    exchange.exchange_import_job_run(job_id=job_id)


@shared_task(name="library.exchange_imports_recover", ignore_result=True)
def exchange_imports_recover() -> int:
    """Beat: send again jobs left waiting, queue again jobs whose worker was lost (nothing of them was saved)."""
    return exchange.exchange_imports_recover()
