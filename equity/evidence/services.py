"""Writes of attachments: one upload and one removal for every kind of record, audited, leaving no orphan file."""

from __future__ import annotations

import logging

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils.translation import gettext as _

from equity.audit import audited_delete, audited_save
from equity.evidence.checks import attachment_validate, clean_filename
from equity.evidence.registry import owner_for_content_type, owner_for_model
from equity.models import Attachment, User, attachment_path, attachment_storage

logger = logging.getLogger(__name__)
MAX_TITLE_CHARS = 200


def attachment_add(*, author: User, owner: models.Model, upload: UploadedFile, title: str) -> Attachment:
    """Check the file, store it under a random name and record it against `owner`, which `author` must be allowed to
    edit (its app's declared `can_edit`). Every check runs before the file is stored, and if recording it fails the
    stored file is removed again: no orphan is left. Call it outside a transaction (views do), so a commit follows."""
    owner_type = owner_for_model(type(owner))
    if owner_type is None or not owner_type.can_edit(author, owner):
        raise PermissionDenied
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Give the attachment a title.")})
    if len(title) > MAX_TITLE_CHARS:
        raise ValidationError({"title": _("The title is longer than %(n)d characters.") % {"n": MAX_TITLE_CHARS}})
    try:
        media_type = attachment_validate(upload=upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    name = clean_filename(upload.name or "")
    storage = attachment_storage()
    stored = storage.save(attachment_path(None, name), upload)
    try:
        with transaction.atomic():
            attachment = Attachment(
                owner_type=ContentType.objects.get_for_model(owner),
                owner_id=owner.pk,
                title=title,
                name=name,
                media_type=media_type,
                size=upload.size or 0,
                uploaded_by=author,
            )
            attachment.file.name = stored
            audited_save(attachment, author=author)
    except BaseException:
        storage.delete(stored)
        raise
    return attachment


def attachment_delete(*, author: User, attachment: Attachment) -> None:
    """Remove an attachment from a record `author` may see and edit (audited); the file goes once committed."""
    owner_type = owner_for_content_type(attachment.owner_type)
    record = owner_type.visible(author).filter(pk=attachment.owner_id).first()
    if record is None or not owner_type.can_edit(author, record):
        raise PermissionDenied
    _attachment_remove(author=author, attachment=attachment)


@transaction.atomic
def _attachment_remove(*, author: User | None, attachment: Attachment) -> None:
    storage, path = attachment.file.storage, attachment.file.name
    audited_delete(attachment, author=author)
    if path:
        transaction.on_commit(lambda: _delete_file(storage, path))


def attachments_delete_for(*, owner: models.Model) -> None:
    """Remove the attachments of a record that is being deleted, with the record's author (audited)."""
    content_type = ContentType.objects.get_for_model(owner)
    for attachment in Attachment.objects.filter(owner_type=content_type, owner_id=owner.pk):
        _attachment_remove(author=getattr(owner, "_history_user", None), attachment=attachment)


def on_record_deleted(sender: type[models.Model], instance: models.Model, **kwargs) -> None:
    """post_delete receiver (connected by EquityConfig.ready): a deleted record of a declared owner type takes its
    attachments and their files with it, also when it goes with its parent (a plan's actions and milestones)."""
    if owner_for_model(sender) is not None:
        attachments_delete_for(owner=instance)


def _delete_file(storage, path: str) -> None:
    try:
        storage.delete(path)
    except OSError:  # an unreachable store must not turn a committed removal into an error page
        logger.warning("Could not delete attachment file %s", path, exc_info=True)
