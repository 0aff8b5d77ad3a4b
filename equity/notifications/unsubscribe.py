"""One-click unsubscribe (RFC 8058): a signed link per person and kind of event, or per digest."""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing
from django.db import transaction

from equity.models import User
from equity.notifications.kinds import Delivery, notification_kinds
from equity.notifications.preferences import preferences_for_user
from equity.notifications.services import preference_set

SALT = "equity.notifications.unsubscribe"


@dataclass(frozen=True)
class Unsubscribe:
    """What a link stops: e-mails about one kind, or one digest (every kind currently delivered in it)."""

    user: User
    kind: str = ""
    digest: str = ""


def unsubscribe_token(*, user: User, kind: str = "", digest: str = "") -> str:
    """A signed token naming the person and the kind or digest; it does not expire (links in old e-mails work)."""
    return signing.dumps({"u": user.pk, "k": kind, "d": digest}, salt=SALT, compress=True)


def unsubscribe_read(token: str) -> Unsubscribe | None:
    """The request a token makes, or None when it is tampered, unknown or names a deactivated person."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    kind, digest = data.get("k", ""), data.get("d", "")
    if kind and kind not in notification_kinds():
        return None
    if digest and digest not in (Delivery.DAILY, Delivery.WEEKLY):
        return None
    if bool(kind) == bool(digest):
        return None
    person = data.get("u")
    if not isinstance(person, int):
        return None
    user = User.objects.filter(pk=person, is_active=True).first()
    return Unsubscribe(user=user, kind=kind, digest=digest) if user is not None else None


def unsubscribe_apply(request: Unsubscribe) -> list[str]:
    """Turn the e-mails off (the inbox keeps them); returns the kinds changed."""
    if request.kind:
        codes = [request.kind]
    else:
        codes = [
            code for code, delivery in preferences_for_user(user=request.user).items() if delivery == request.digest
        ]
    with transaction.atomic():
        for code in codes:
            preference_set(user=request.user, kind=code, delivery=Delivery.INBOX)
    return codes
