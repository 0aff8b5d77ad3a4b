"""Attachments of practices: size and type checked by content before anything is stored."""

from __future__ import annotations

import os

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from equity.audit import audited_delete, audited_save
from equity.models import User
from library.filetypes import ALLOWED_TYPES, detect_file_type
from library.models import Practice, PracticeAttachment

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def attachment_validate(*, upload: UploadedFile) -> str:
    """Check size, content type and extension; returns the content type to serve the file with."""
    size = upload.size or 0
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(MAX_ATTACHMENT_BYTES)}
        )
    if size == 0:
        raise ValidationError(_("The file is empty."))
    allowed = ", ".join(t.label for t in ALLOWED_TYPES)
    detected = detect_file_type(upload=upload)
    if detected is None:
        raise ValidationError(_("This kind of file is not accepted. Accepted: %(types)s.") % {"types": allowed})
    extension = os.path.splitext(upload.name or "")[1].lower()
    if extension not in detected.extensions:
        raise ValidationError(
            _("The file's content is %(type)s but its name ends in “%(ext)s”. Rename it to %(expected)s.")
            % {"type": detected.label, "ext": extension or "—", "expected": " / ".join(detected.extensions)}
        )
    return detected.content_type


@transaction.atomic
def attachment_add(
    *, author: User, practice: Practice, upload: UploadedFile, description: str = ""
) -> PracticeAttachment:
    """Store a checked file under MEDIA_ROOT (never public) and record it against the practice."""
    content_type = attachment_validate(upload=upload)
    name = os.path.basename(upload.name or "attachment")[:200]
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
