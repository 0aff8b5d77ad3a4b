"""Reads of attachments: the lists shown on records' pages and the lines they add to records' history, each in one
query whatever the number of records and files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from equity.audit import FieldChange, HistoryEntry
from equity.evidence.registry import owner_for_model
from equity.models import Attachment, User


@dataclass
class AttachmentPanel:
    """What `includes/_attachments.html` shows for one record: its files, and the upload form (the `upload_form`
    tag's) for its editors."""

    owner_key: str
    owner_pk: int
    attachments: list[Attachment] = field(default_factory=list)
    can_edit: bool = False

    @property
    def dom_id(self) -> str:
        return f"attachments-{self.owner_key.replace('.', '-')}-{self.owner_pk}"


# What a panel shows of a file (includes/_attachments.html) and finds its owner by; of the uploader only the name.
PANEL_FIELDS = ("owner_type", "owner_id", "title", "name", "size", "created_at")


def _owners_filter(objects: Sequence[models.Model]) -> tuple[Q, dict[tuple[str, int], models.Model]]:
    """A filter for the attachments of `objects`, naming their types by app and model through a join (no content
    type lookup of its own, so the query count never depends on Django's content type cache)."""
    by_type: dict[tuple[str, str], list[int]] = {}
    known: dict[tuple[str, int], models.Model] = {}
    for obj in objects:
        meta = obj._meta
        by_type.setdefault((meta.app_label, meta.model_name or ""), []).append(obj.pk)
        known[(meta.label_lower, obj.pk)] = obj
    condition = Q(pk__in=[])
    for (app_label, model_name), ids in by_type.items():
        condition |= Q(owner_type__app_label=app_label, owner_type__model=model_name, owner_id__in=ids)
    return condition, known


def _owner_key(row) -> tuple[str, int]:
    return (f"{row.owner_type.app_label}.{row.owner_type.model}", row.owner_id)


def attach_panels(*, user: User, objects: Sequence[models.Model]) -> None:
    """Give each record (of declared owner types) an `attachment_panel`: one query for all their attachments.
    The records must already be ones `user` may see; `can_edit` is decided by each owner type's declaration."""
    owned = [obj for obj in objects if owner_for_model(type(obj)) is not None]
    if not owned:
        return
    condition, known = _owners_filter(owned)
    files: dict[tuple[str, int], list[Attachment]] = {key: [] for key in known}
    uploader = [f"uploaded_by__{name}" for name in User.NAME_FIELDS]
    shown = Attachment.objects.filter(condition).select_related("owner_type", "uploaded_by")
    for attachment in shown.only(*PANEL_FIELDS, "owner_type__app_label", "owner_type__model", *uploader):
        files[_owner_key(attachment)].append(attachment)
    for (key, pk), obj in known.items():
        owner = owner_for_model(type(obj))
        assert owner is not None  # filtered above
        can_edit = owner.can_edit(user, obj)
        panel = AttachmentPanel(owner_key=key, owner_pk=pk, attachments=files[(key, pk)], can_edit=can_edit)
        obj.attachment_panel = panel  # type: ignore[attr-defined]  # read by includes/_attachments.html


def has_attachments(*, owners: Sequence[models.Model]) -> bool:
    """Whether any of `owners` has a file attached (one query; none for no owners)."""
    if not owners:
        return False
    condition, _known = _owners_filter(owners)
    return Attachment.objects.filter(condition).exists()


def attachment_history_entries(*, owners: Sequence[models.Model]) -> list[HistoryEntry]:
    """One history line per attachment added to or removed from any of `owners`, newest first (one query)."""
    owned = [obj for obj in owners if owner_for_model(type(obj)) is not None]
    if not owned:
        return []
    condition, known = _owners_filter(owned)
    history = Attachment.history.filter(condition)
    rows = history.select_related("owner_type", "history_user").order_by("-history_date", "-history_id")
    several = len(owned) > 1
    entries = []
    for row in rows[:200]:
        owner = known.get(_owner_key(row))
        label = _("Attachment")
        if several and owner is not None:
            label = f"{label} · {owner._meta.verbose_name} “{owner}”"
        value = f"{row.title} ({row.name})"
        added = row.history_type != "-"
        kind = {"+": _("Attachment added"), "-": _("Attachment removed")}.get(row.history_type, _("Attachment changed"))
        entries.append(
            HistoryEntry(
                when=row.history_date,
                who=row.history_user,
                kind=kind,
                changes=[FieldChange(label, None if added else value, value if added else None)],
                reason=row.history_change_reason or "",
            )
        )
    return entries
