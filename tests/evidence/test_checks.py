"""The core's file checks (equity.evidence.checks), used by every attachment: size, type by content, programs
refused, names cleaned."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from equity.evidence import checks
from equity.evidence.checks import attachment_validate, clean_filename
from equity.evidence.filetypes import DOCX, PPTX, XLSX


def _office(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(part, "<x/>")
    return buffer.getvalue()


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    # The browser's claimed type is never trusted: every upload here claims to be a PDF.
    return SimpleUploadedFile(name, content, content_type="application/pdf")


ACCEPTED = [
    ("report.pdf", b"%PDF-1.7\n", "application/pdf"),
    ("chart.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 8, "image/png"),
    ("photo.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 8, "image/jpeg"),
    ("minutes.docx", _office("word/document.xml"), DOCX.content_type),
    ("budget.xlsx", _office("xl/workbook.xml"), XLSX.content_type),
    ("slides.pptx", _office("ppt/presentation.xml"), PPTX.content_type),
    ("roster.csv", "name,department\nAsha,CD\nJosé,PW\n".encode(), "text/plain"),
    ("notes.txt", "Hmoob, Soomaali, español\n".encode(), "text/plain"),
]

REFUSED = [
    ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00", "executable"),  # a Windows program named .pdf
    ("tool.txt", b"\x7fELF\x02\x01\x01\x00", "executable"),  # a Linux program named .txt
    ("app.png", b"\xcf\xfa\xed\xfe\x07\x00\x00\x01", "executable"),  # a macOS program
    ("data.csv", b"#!/bin/sh\nrm -rf /\n", "executable"),  # a script named .csv
    ("archive.docx", _office("other/thing.xml"), "type"),  # a ZIP that is no Office document
    ("noise.pdf", b"\x00\x01\x02\x03\xff\xfe", "type"),
    ("report.png", b"%PDF-1.7\n", "extension"),  # a PDF renamed .png
    ("page.pdf", b"<html><script>alert(1)</script></html>", "extension"),  # HTML named .pdf (text, not a PDF)
    ("empty.txt", b"", "empty"),
]


@pytest.mark.parametrize(("name", "content", "media_type"), ACCEPTED)
def test_accepted_types_are_recognised_by_content(name, content, media_type):
    assert attachment_validate(upload=_upload(name, content)) == media_type


@pytest.mark.parametrize(("name", "content", "code"), REFUSED)
def test_refused_files_say_why(name, content, code):
    with pytest.raises(ValidationError) as caught:
        attachment_validate(upload=_upload(name, content))
    assert caught.value.code == code


def test_executables_are_refused_with_a_plain_message():
    with pytest.raises(ValidationError, match="Programs and scripts are not accepted"):
        attachment_validate(upload=_upload("invoice.pdf", b"MZ\x90\x00"))


def test_files_over_the_limit_are_refused_before_their_content_is_read(monkeypatch):
    monkeypatch.setattr(checks, "MAX_ATTACHMENT_BYTES", 100)
    with pytest.raises(ValidationError, match="the limit is 100"):
        attachment_validate(upload=_upload("big.pdf", b"%PDF-1.7\n" + b"a" * 100))
    assert attachment_validate(upload=_upload("small.pdf", b"%PDF-1.7\n" + b"a" * 91)) == "application/pdf"


def test_the_limits_are_stated():
    text = checks.limits_text()
    assert "10.0\xa0MB" in text and "PDF" in text and "CSV" in text and "Word (DOCX)" in text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("report.pdf", "report.pdf"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\asha\\Desktop\\Minutes May.PDF", "Minutes May.pdf"),
        ("\u202etxt.exe.pdf", "txt.exe.pdf"),  # a right-to-left override that would show the name reversed
        ('say "hi"; rm.pdf', "say _hi__ rm.pdf"),
        ("tab\there\nnewline.csv", "tabherenewline.csv"),
        ("   spaced    out   .txt", "spaced out.txt"),
        ("", "attachment"),
        ("....", "attachment"),
        ("Café résumé.pdf", "Café résumé.pdf"),
    ],
)
def test_file_names_are_cleaned(raw, clean):
    assert clean_filename(raw) == clean


def test_long_names_keep_their_extension():
    cleaned = clean_filename("a" * 300 + ".xlsx")
    assert len(cleaned) == checks.MAX_FILENAME_CHARS and cleaned.endswith("a.xlsx")
