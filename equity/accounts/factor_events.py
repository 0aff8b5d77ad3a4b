"""Second-factor changes and failed codes in the security events, from allauth's MFA signals; each handler only
records (through equity.accounts.events) and keeps the session's "has a factor" answer (ADR 0056) in step."""

from __future__ import annotations

from allauth.mfa import signals
from allauth.mfa.models import Authenticator
from django.contrib.auth.signals import user_logged_in

from equity.accounts.events import security_event_record
from equity.accounts.middleware import ENROLLED
from equity.models import SecurityEvent


def _detail(authenticator: Authenticator) -> str:
    return authenticator.wrap().name if authenticator.type == Authenticator.Type.WEBAUTHN else ""


def on_authenticator_added(sender, request, user, authenticator, **kwargs) -> None:
    """A factor added (recovery codes made alongside the first one count as codes generated)."""
    codes = authenticator.type == Authenticator.Type.RECOVERY_CODES
    kind = SecurityEvent.Kind.RECOVERY_CODES_GENERATED if codes else SecurityEvent.Kind.FACTOR_ADDED
    security_event_record(
        kind=kind, request=request, user=user, actor=user, method=authenticator.type, detail=_detail(authenticator)
    )
    if request is not None and not codes:
        request.session[ENROLLED] = True


def on_authenticator_removed(sender, request, user, authenticator, **kwargs) -> None:
    """A factor removed: the session forgets it had one, so the requirement is checked again on the next page."""
    security_event_record(
        kind=SecurityEvent.Kind.FACTOR_REMOVED,
        request=request,
        user=user,
        actor=user,
        method=authenticator.type,
        detail=_detail(authenticator),
    )
    if request is not None:
        request.session.pop(ENROLLED, None)


def on_authenticator_reset(sender, request, user, authenticator, **kwargs) -> None:
    """New recovery codes made (the old ones no longer work)."""
    security_event_record(
        kind=SecurityEvent.Kind.RECOVERY_CODES_GENERATED,
        request=request,
        user=user,
        actor=user,
        method=authenticator.type,
    )


def on_authentication_failed(sender, request, user, authenticator, reauthentication=False, **kwargs) -> None:
    """A wrong second-factor code, at sign-in or when confirming a change."""
    security_event_record(
        kind=SecurityEvent.Kind.SIGN_IN_FAILED,
        request=request,
        user=user,
        method="mfa",
        detail="reauthentication" if reauthentication else authenticator.type,
    )


def on_signed_in(sender, request, user, **kwargs) -> None:
    """Every sign-in decides afresh whether the person has a factor."""
    if request is not None and hasattr(request, "session"):
        request.session.pop(ENROLLED, None)


def connect_factor_events() -> None:
    """Connect the handlers (from the app's ready())."""
    signals.authenticator_added.connect(on_authenticator_added, dispatch_uid="equity.mfa.added")
    signals.authenticator_removed.connect(on_authenticator_removed, dispatch_uid="equity.mfa.removed")
    signals.authenticator_reset.connect(on_authenticator_reset, dispatch_uid="equity.mfa.reset")
    signals.authentication_failed.connect(on_authentication_failed, dispatch_uid="equity.mfa.failed")
    user_logged_in.connect(on_signed_in, dispatch_uid="equity.mfa.signed_in")
