"""Celery tasks of the public site: a thin wrapper that builds a published plan snapshot's PDF (public.pdf)."""

from celery import shared_task
from django.conf import settings

from public import pdf


@shared_task(
    name="public.snapshot_pdf",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    soft_time_limit=settings.REPORTS_SOFT_TIME_LIMIT,
    time_limit=settings.REPORTS_HARD_TIME_LIMIT,
)
def snapshot_pdf_task(snapshot_id: int) -> str:
    """Build one snapshot's PDF (ready or failed, recorded on the snapshot)."""
    return pdf.snapshot_pdf_build(snapshot_id=snapshot_id)
