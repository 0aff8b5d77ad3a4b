"""Factories and helpers for report tests."""

from pypdf import PdfReader

from reports.jobs import report_job_request
from reports.kinds import report_kind_get


def request_roster(*, user, department, kind: str = "department_roster", **params):
    """Request a report through the service, as the request page does."""
    report_kind = report_kind_get(kind)
    assert report_kind is not None, kind
    return report_job_request(user=user, kind=report_kind, target=department, params=params)


def pdf_text(path) -> str:
    """All text of a PDF, page by page."""
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)
