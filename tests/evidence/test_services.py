"""The attachment service: files stored privately under random names, audited, and never left orphaned."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from equity.evidence import services
from equity.evidence.services import attachment_add, attachment_delete
from equity.models import Attachment, attachment_storage
from tests.evidence.world import attach, make_owner, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Each test its own media folder, so the files in storage can be counted."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _stored(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


def test_a_file_is_stored_privately_under_a_random_name(personas, private_media):
    action = make_owner(personas, "action")
    attachment = attach(action, personas.manager, title="  Signed   agreement ", name="../../Agreement (final).PDF")
    assert attachment.title == "Signed agreement"
    assert attachment.name == "Agreement (final).pdf"
    assert attachment.media_type == "application/pdf" and attachment.size == len(pdf().read())
    assert attachment.file.name.startswith("attachments/") and "Agreement" not in attachment.file.name
    [path] = _stored(private_media)
    assert path.relative_to(private_media).parts[0] == "attachments"
    assert attachment.owner == action and attachment.uploaded_by == personas.manager


def test_the_upload_is_audited_with_its_author(personas):
    attachment = attach(make_owner(personas, "session"), personas.facilitator)
    [row] = attachment.history.all()
    assert row.history_type == "+" and row.history_user == personas.facilitator


@pytest.mark.parametrize(
    ("title", "upload", "field"),
    [
        ("", pdf(), "title"),
        ("x" * 201, pdf(), "title"),
        ("Payroll", pdf("payroll.pdf", b"MZ\x90\x00"), "file"),
        ("Chart", pdf("chart.png"), "file"),
    ],
)
def test_bad_input_saves_nothing_and_stores_nothing(personas, private_media, title, upload, field):
    with pytest.raises(ValidationError) as caught:
        attachment_add(author=personas.manager, owner=make_owner(personas, "action"), upload=upload, title=title)
    assert field in caught.value.message_dict
    assert not Attachment.objects.exists() and not _stored(private_media)


def test_a_failure_after_the_file_is_stored_removes_it_again(personas, private_media, monkeypatch):
    def fail(*args, **kwargs):
        raise IntegrityError("the database refused the row")

    monkeypatch.setattr(services, "audited_save", fail)
    with pytest.raises(IntegrityError):
        attach(make_owner(personas, "milestone"), personas.manager)
    assert not Attachment.objects.exists() and not _stored(private_media)


def test_removal_is_audited_and_deletes_the_file_once_committed(
    personas, private_media, django_capture_on_commit_callbacks
):
    attachment = attach(make_owner(personas, "assessment"), personas.staff)
    pk = attachment.pk
    with django_capture_on_commit_callbacks(execute=True):
        attachment_delete(author=personas.manager, attachment=attachment)
    assert not Attachment.objects.exists() and not _stored(private_media)
    removed = Attachment.history.get(id=pk, history_type="-")
    assert removed.history_user == personas.manager


def test_deleting_a_record_removes_its_attachments_and_files(
    personas, private_media, django_capture_on_commit_callbacks
):
    milestone = make_owner(personas, "milestone")
    attach(milestone, personas.manager)
    attach(milestone.action, personas.manager)
    with django_capture_on_commit_callbacks(execute=True):
        milestone.action.plan.delete()  # takes the action and its milestone with it
    assert not Attachment.objects.exists() and not _stored(private_media)


def test_the_default_storage_is_private_local_files(private_media):
    storage = attachment_storage()
    assert type(storage).__name__ == "FileSystemStorage"
    assert Path(storage.location) == private_media


def test_an_action_with_evidence_is_kept_cancel_it_instead(personas):
    from plans.services.deletion import action_delete

    milestone = make_owner(personas, "milestone")
    attach(milestone, personas.manager)
    with pytest.raises(ValidationError, match="Files are attached to this action"):
        action_delete(author=personas.manager, action=milestone.action)
    assert Attachment.objects.count() == 1


def test_the_service_refuses_a_reader_or_another_department_and_stores_nothing(personas, private_media):
    action = make_owner(personas, "action")
    for author in (personas.staff, personas.other_manager):
        with pytest.raises(PermissionDenied):
            attachment_add(author=author, owner=action, upload=pdf(), title="Minutes")
    assert not Attachment.objects.exists() and not _stored(private_media)
    attachment = attach(action, personas.manager)
    for author in (personas.staff, personas.other_manager):
        with pytest.raises(PermissionDenied):
            attachment_delete(author=author, attachment=attachment)
    assert Attachment.objects.filter(pk=attachment.pk).exists()
