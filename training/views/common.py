"""Small helpers the training views share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form


def require(allowed: bool) -> None:
    """403 for a forbidden action on something the user can see."""
    if not allowed:
        raise PermissionDenied


def add_service_errors(form: Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where it names one the form has, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
