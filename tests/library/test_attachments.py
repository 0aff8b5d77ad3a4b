"""Attachments: limited in size, type checked by content (magic bytes), served only through a checked view."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from equity.evidence import checks
from library.models import PracticeAttachment
from library.services import attachments
from tests.library.factories import AttachmentFactory, PracticeFactory

pytestmark = pytest.mark.django_db


def _office(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(part, "<x/>")
    return buffer.getvalue()


GOOD = [
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n", "application/pdf"),
    ("chart.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "image/png"),
    ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
    (
        "policy.docx",
        _office("word/document.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ("data.xlsx", _office("xl/workbook.xml"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("notes.txt", "Notes in UTF-8: café, Hmoob, Soomaali\n".encode(), "text/plain"),
]

BAD = [
    ("evil.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "not accepted"),  # a Windows executable named .pdf
    ("page.pdf", b"<html><script>alert(1)</script></html>", "content is Plain text"),  # HTML named .pdf
    ("archive.docx", _office("other/thing.xml"), "not accepted"),  # a ZIP that is not a Word document
    ("report.png", b"%PDF-1.7\n", "content is PDF"),  # a PDF renamed .png
    ("binary.txt", b"\x00\x01\x02\x03binary", "not accepted"),
    ("empty.txt", b"", "empty"),
]


@pytest.mark.parametrize(("name", "content", "content_type"), GOOD)
def test_attachment_add_accepts_allowed_types_by_content(personas, name, content, content_type):
    practice = PracticeFactory(suggested_by=personas.equity)
    attachment = attachments.attachment_add(
        author=personas.equity,
        practice=practice,
        upload=SimpleUploadedFile(name, content, content_type="application/octet-stream"),
    )
    assert attachment.content_type == content_type and attachment.size == len(content)
    assert attachment.file.name.startswith("library/attachments/") and name not in attachment.file.name


@pytest.mark.parametrize(("name", "content", "message"), BAD)
def test_attachment_form_refuses_bad_types(client, personas, name, content, message):
    practice = PracticeFactory(suggested_by=personas.equity)
    client.force_login(personas.equity)
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(reverse("library:attachment_create", args=[practice.pk]), {"file": upload})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert not PracticeAttachment.objects.exists()


def test_attachment_refuses_files_over_the_limit(client, personas, monkeypatch):
    monkeypatch.setattr(checks, "MAX_ATTACHMENT_BYTES", 100)
    practice = PracticeFactory(suggested_by=personas.equity)
    client.force_login(personas.equity)
    upload = SimpleUploadedFile("big.txt", b"a" * 101)
    response = client.post(reverse("library:attachment_create", args=[practice.pk]), {"file": upload})
    assert "the limit is 100" in " ".join(response.context["form"].errors["file"])
    assert not PracticeAttachment.objects.exists()


def test_download_serves_the_file_as_an_attachment(client, personas):
    attachment = AttachmentFactory(practice=PracticeFactory(suggested_by=personas.equity))
    client.force_login(personas.other_staff)
    response = client.get(reverse("library:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="notes.txt"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"Plain text notes")


def test_download_of_a_hidden_suggestion_is_404_and_missing_file_is_404(client, personas):
    hidden = AttachmentFactory(practice=PracticeFactory(suggested_by=personas.staff, review_state="suggested"))
    client.force_login(personas.other_staff)
    assert client.get(reverse("library:attachment_download", args=[hidden.pk])).status_code == 404
    visible = AttachmentFactory(practice=PracticeFactory(suggested_by=personas.equity))
    visible.file.delete(save=False)
    assert client.get(reverse("library:attachment_download", args=[visible.pk])).status_code == 404


def test_media_url_does_not_serve_attachments(client, personas):
    attachment = AttachmentFactory(practice=PracticeFactory(suggested_by=personas.equity))
    client.force_login(personas.equity)
    assert client.get(f"/media/{attachment.file.name}").status_code == 404


def test_attachment_delete_removes_row_and_file(client, personas, django_capture_on_commit_callbacks):
    attachment = AttachmentFactory(practice=PracticeFactory(suggested_by=personas.equity))
    storage, path = attachment.file.storage, attachment.file.name
    client.force_login(personas.equity)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("library:attachment_delete", args=[attachment.pk]))
    assert response.status_code == 302
    assert not PracticeAttachment.objects.exists() and not storage.exists(path)
