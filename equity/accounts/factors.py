"""The person's second factors (authenticator app, passkeys, recovery codes), as the security page shows them, and
whether their roles require one (MFA_REQUIRED_ROLES, ADR 0056)."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.conf import settings

from equity.models import Role, User

ADMIN = "admin"  # MFA_REQUIRED_ROLES' name for superusers, beside the codes of equity.models.Role
ROLE_CODES = frozenset({*Role.values, ADMIN})
PRIMARY_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def mfa_required_for_user(*, user: User) -> bool:
    """Whether one of `user`'s roles (or being a superuser, "admin") is in MFA_REQUIRED_ROLES; no query."""
    required = set(settings.MFA_REQUIRED_ROLES)
    if not required:
        return False
    codes = {role.value for role in user.roles} | ({ADMIN} if user.is_superuser else set())
    return bool(required & codes)


def has_second_factor(*, user: User) -> bool:
    """Whether `user` has an authenticator app or a passkey (recovery codes only come with one of them)."""
    return Authenticator.objects.filter(user_id=user.pk, type__in=PRIMARY_TYPES).exists()


def factors_for_user(*, user: User) -> dict:
    """Authenticator app, passkeys and recovery codes of `user`, in one query."""
    totp = None
    passkeys = []
    recovery_codes = None
    for authenticator in Authenticator.objects.filter(user_id=user.pk).order_by("created_at", "pk"):
        if authenticator.type == Authenticator.Type.TOTP:
            totp = authenticator
        elif authenticator.type == Authenticator.Type.WEBAUTHN:
            passkeys.append({"authenticator": authenticator, "name": authenticator.wrap().name})
        elif authenticator.type == Authenticator.Type.RECOVERY_CODES:
            recovery_codes = {
                "unused": len(authenticator.wrap().get_unused_codes()),
                "total": settings.MFA_RECOVERY_CODE_COUNT,
            }
    return {
        "required": mfa_required_for_user(user=user),
        "enrolled": bool(totp or passkeys),
        "totp": totp,
        "passkeys": passkeys,
        "recovery_codes": recovery_codes,
    }
