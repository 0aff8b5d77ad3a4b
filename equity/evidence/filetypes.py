"""What an uploaded attachment really is, read from its first bytes (magic numbers), not trusted from its name.

Used by every attachment in the portal (records' evidence through `equity.evidence`, and the library's practice
attachments). Programs and scripts are recognised first so that they are refused by name, whatever they are called.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    extensions: tuple[str, ...]


PDF = FileType("PDF", "application/pdf", (".pdf",))
PNG = FileType("PNG", "image/png", (".png",))
JPEG = FileType("JPEG", "image/jpeg", (".jpg", ".jpeg"))
DOCX = FileType("Word (DOCX)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",))
XLSX = FileType("Excel (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
PPTX = FileType(
    "PowerPoint (PPTX)", "application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",)
)
TEXT = FileType("Plain text or CSV", "text/plain", (".txt", ".md", ".csv"))
ALLOWED_TYPES = (PDF, PNG, JPEG, DOCX, XLSX, PPTX, TEXT)

# Windows (MZ), Linux (ELF), macOS (Mach-O, 32/64-bit, both byte orders; universal binaries and Java classes share
# CAFEBABE) programs, and scripts that name their interpreter (#!): refused whatever their name says.
EXECUTABLE_SIGNATURES = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",
)


def is_executable(*, upload: UploadedFile) -> bool:
    """Whether the file is a program or a script, read from its first bytes."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    return head.startswith(EXECUTABLE_SIGNATURES)


def _office_type(upload: UploadedFile) -> FileType | None:
    """DOCX and XLSX are ZIP packages: tell them apart by the part every such document must contain."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    if "ppt/presentation.xml" in names:
        return PPTX
    return None


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        return exc.start >= len(head) - 3
    return True


def detect_file_type(*, upload: UploadedFile) -> FileType | None:
    """The allowed type the file's content matches, or None."""
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _office_type(upload)
    if head and _is_text(head):
        return TEXT
    return None
