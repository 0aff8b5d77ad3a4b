"""Attachments of practices: checked by the core's attachment checks (equity.evidence.checks) before anything is
stored."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from equity.audit import audited_delete, audited_save
from equity.evidence.checks import attachment_validate, clean_filename
from equity.models import User
from library.models import Practice, PracticeAttachment

__all__ = ["attachment_add", "attachment_delete", "attachment_validate"]


@transaction.atomic
def attachment_add(
    *, author: User, practice: Practice, upload: UploadedFile, description: str = ""
) -> PracticeAttachment:
    """Store a checked file under MEDIA_ROOT (never public) and record it against the practice."""
    content_type = attachment_validate(upload=upload)
    name = clean_filename(upload.name or "")
    attachment = PracticeAttachment(
        practice=practice,
        name=name,
        content_type=content_type,
        size=upload.size or 0,
        description=description.strip(),
        uploaded_by=author,
    )
    attachment.file.save(name, upload, save=False)
    audited_save(attachment, author=author)
    return attachment


@transaction.atomic
def attachment_delete(*, author: User, attachment: PracticeAttachment) -> None:
    """Remove an attachment and its file."""
    storage, path = attachment.file.storage, attachment.file.name
    audited_delete(attachment, author=author)
    if path:
        transaction.on_commit(lambda: storage.delete(path))
