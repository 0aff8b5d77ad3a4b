"""Refused requests in the logs: one line each, never a traceback (docs/operations.md, "Logs").

Django logs every refusal (403 permission denied, 400 bad or tampered request, 404) with the exception's traceback,
which buries real errors: a crawl logged 780 tracebacks. `RefusalFilter` turns a 4xx record of `django.request` or
`django.security.*` into one line (method, path, status, user id, the refusal's class) and drops its traceback;
5xx records keep theirs. It only rewrites records, never drops one, so the same filter can sit on a logger (records
logged there) and on a handler (records propagated from child loggers such as `django.security.DisallowedHost`).
"""

from __future__ import annotations

import logging
from http import HTTPStatus

REFUSAL_FORMAT = "Refused %s %s %s user=%s %s"


def _reason(record: logging.LogRecord, status: int) -> str:
    exc = record.exc_info[1] if record.exc_info else None
    if exc is not None:
        return type(exc).__name__
    try:
        return HTTPStatus(status).phrase.replace(" ", "")
    except ValueError:
        return str(status)


class RefusalFilter(logging.Filter):
    """Rewrites 4xx request records as one line without a traceback; passes every record on."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if not isinstance(status, int) or not 400 <= status < 500 or getattr(record, "refusal", False):
            return True
        if not record.name.startswith(("django.request", "django.security")):
            return True
        request = getattr(record, "request", None)
        user = getattr(request, "user", None)
        user_id = getattr(user, "pk", None) if user is not None and user.is_authenticated else "-"
        method = getattr(request, "method", "-")
        path = getattr(request, "path", "-")
        record.msg = REFUSAL_FORMAT
        record.args = (method, path, status, user_id, _reason(record, status))
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        record.refusal = True
        return True
