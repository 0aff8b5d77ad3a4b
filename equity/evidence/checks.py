"""The checks every uploaded attachment passes before anything is stored: size, type by content, no programs, and
a clean file name. The library's practice attachments and every record's evidence use these same checks."""

from __future__ import annotations

import os
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from equity.evidence.filetypes import ALLOWED_TYPES, detect_file_type, is_executable

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_FILENAME_CHARS = 120
_UNSAFE_CHARS = re.compile(r'[<>:"/\\|?*;]')


def accepted_types_text() -> str:
    """The accepted kinds of file, for messages and form help."""
    return ", ".join(t.label for t in ALLOWED_TYPES)


def limits_text() -> str:
    """The limits stated on every upload form."""
    return _("%(types)s; up to %(limit)s.") % {
        "types": accepted_types_text(),
        "limit": filesizeformat(MAX_ATTACHMENT_BYTES),
    }


def clean_filename(name: str) -> str:
    """The name to keep and offer on download: the last path part only, no control or direction characters, no
    characters that are unsafe in file systems or headers, single spaces, at most 120 characters (the extension
    kept), never empty."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] not in {"C", "Z"} or ch == " ")
    name = " ".join(_UNSAFE_CHARS.sub("_", name).split()).strip(" .")
    stem, extension = os.path.splitext(name)
    if len(extension) > 10:
        stem, extension = name, ""
    name = stem[: MAX_FILENAME_CHARS - len(extension)].rstrip(" .") + extension.lower()
    return name if stem else "attachment" + extension.lower()


def attachment_validate(*, upload: UploadedFile) -> str:
    """Check size, that the file is no program, its content type and that its (cleaned) name agrees; returns the
    content type to serve it with. Raises ValidationError with a message a person can act on."""
    size = upload.size or 0
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(MAX_ATTACHMENT_BYTES)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if is_executable(upload=upload):
        raise ValidationError(_("Programs and scripts are not accepted."), code="executable")
    detected = detect_file_type(upload=upload)
    if detected is None:
        raise ValidationError(
            _("This kind of file is not accepted. Accepted: %(types)s.") % {"types": accepted_types_text()},
            code="type",
        )
    extension = os.path.splitext(clean_filename(upload.name or ""))[1].lower()
    if extension not in detected.extensions:
        raise ValidationError(
            _("The file's content is %(type)s but its name ends in “%(ext)s”. Rename it to %(expected)s.")
            % {"type": detected.label, "ext": extension or "—", "expected": " / ".join(detected.extensions)},
            code="extension",
        )
    return detected.content_type
