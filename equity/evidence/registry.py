"""Which models accept attachments: declared by the apps (`attachments.py`, ATTACHMENT_OWNERS), never listed here."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404

from equity.contributions import ATTACHMENT_OWNERS, AttachmentOwner


def attachment_owners() -> Mapping[str, AttachmentOwner]:
    """Every declared owner type by its key ("plans.action", ...): declared once, collected once per process (a page
    asks for each of its records' owner type, 28 times on an action page)."""
    return _declared_owners()


@cache
def _declared_owners() -> Mapping[str, AttachmentOwner]:
    owners: dict[str, AttachmentOwner] = {}
    for provider in ATTACHMENT_OWNERS.entries():
        for owner in provider():
            owners[owner.key] = owner
    return MappingProxyType(owners)


def owner_for_key(key: str) -> AttachmentOwner:
    """The owner type a URL names; an unknown or tampered name is a 404."""
    try:
        return attachment_owners()[key]
    except KeyError:
        raise Http404 from None


def owner_for_model(model: type[models.Model]) -> AttachmentOwner | None:
    """The declared owner type of a model, if it accepts attachments (cheap: asked on every deletion)."""
    if model._meta.label_lower not in _owner_labels():
        return None
    return attachment_owners().get(model._meta.label_lower)


@cache
def _owner_labels() -> frozenset[str]:
    return frozenset(attachment_owners())


def owner_for_content_type(content_type: ContentType) -> AttachmentOwner:
    """The owner type of a stored attachment (404 when its app no longer declares it)."""
    return owner_for_key(f"{content_type.app_label}.{content_type.model}")
