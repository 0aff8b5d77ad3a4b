"""Celery tasks of the library: thin wrappers that take a job id and call the services."""

from celery import shared_task

from library.services import exchange


@shared_task(name="library.exchange_import", ignore_result=True)
def exchange_import_run(job_id: int) -> None:
    """Import one queued exchange file (a large one) in a worker; the job's page shows how it went."""
    exchange.exchange_import_job_run(job_id=job_id)
