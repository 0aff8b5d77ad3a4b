"""Small helpers every app's views share: permission refusal and turning service errors into form errors."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form


def require(allowed: bool) -> None:
    """Refuse with 403 unless allowed (the object itself was already found through a selector)."""
    if not allowed:
        raise PermissionDenied


def add_service_errors(form: Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the named fields it has, otherwise as a form error
    (a StaleEdit lands there with its code "stale", which the views answer with 409 or 200 as before)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
