"""Thin receivers for Django's sign-in signals: each hands over to a service in equity.accounts.sign_ins."""

from __future__ import annotations

from django.http import HttpRequest

from equity.accounts.sign_ins import sign_in_failure_record, sign_in_record, sign_out_record


def on_user_logged_in(sender, *, request: HttpRequest | None, user, **kwargs) -> None:
    """A sign-in completed (after any second factor)."""
    if request is not None:
        sign_in_record(request=request, user=user)


def on_user_login_failed(sender, *, credentials: dict, request: HttpRequest | None = None, **kwargs) -> None:
    """A password was refused (Django has already masked it in `credentials`)."""
    sign_in_failure_record(request=request, credentials=credentials)


def on_user_logged_out(sender, *, request: HttpRequest | None, user, **kwargs) -> None:
    """A sign-out (the person's own, or the absolute session lifetime running out)."""
    if request is not None:
        sign_out_record(request=request, user=user)
