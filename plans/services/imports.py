"""The plan spreadsheet import (ADR 0037): upload, map the headers (remembered per header signature), preview, and
apply everything in one transaction through the plans services, or nothing.

`plan_import_start` reads and keeps the file; `plan_import_map` records the column chosen for each header (and
remembers it for the city); `plan_import_preview` checks every row and lists the creates and changes;
`plan_import_apply` refuses a file with any error and a preview the plan has moved on from (stale), then applies.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from equity.audit import audited_save
from equity.models import User
from equity.permissions import is_equity_team, managed_department_ids
from plans.imports import mapping
from plans.imports.apply import apply_preview
from plans.imports.codecs import Lookups
from plans.imports.columns import ACTION
from plans.imports.preview import UPDATE, Preview, RowError, build_preview
from plans.imports.reader import MAX_BYTES, Sheet, read_sheet
from plans.models import ImportMapping, Plan, PlanImport
from plans.models.imports import PENDING_IMPORT_LIFETIME


class PlanImportRefused(ValidationError):
    """The file had errors; nothing was saved."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__(
            ngettext(
                "The file has %(n)d problem; nothing was imported.",
                "The file has %(n)d problems; nothing was imported.",
                len(errors),
            )
            % {"n": len(errors)}
        )


def plan_import_sheet(*, pending: PlanImport) -> Sheet:
    return read_sheet(name=pending.file_name, raw=bytes(pending.content))


@transaction.atomic
def plan_import_start(*, author: User, plan: Plan, upload: UploadedFile) -> tuple[PlanImport, bool]:
    """Read the file (refusing one too large, too long or unreadable) and keep it for the next steps. Returns the
    pending import and whether its headers' mapping was remembered (then the mapping step can be skipped)."""
    if (upload.size or 0) > MAX_BYTES:
        raise ValidationError(_("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
    raw = upload.read()
    name = (upload.name or "plan.csv")[:200]
    sheet = read_sheet(name=name, raw=raw)
    PlanImport.objects.filter(created_at__lt=timezone.now() - PENDING_IMPORT_LIFETIME).delete()
    known = mapping.remembered(sheet.header)
    columns = known if known is not None else mapping.guess(sheet.header)
    pending = PlanImport.objects.create(plan=plan, uploaded_by=author, file_name=name, content=raw, columns=columns)
    return pending, known is not None and not mapping.check(sheet.header, columns)


@transaction.atomic
def plan_import_map(*, author: User, pending: PlanImport, columns: list[str], remember: bool = True) -> PlanImport:
    """Record the column chosen for each header; remember the choice for files with the same headers."""
    sheet = plan_import_sheet(pending=pending)
    problems = mapping.check(sheet.header, columns)
    if problems:
        raise ValidationError(problems)
    pending.columns = columns
    pending.save(update_fields=["columns"])
    if remember:
        signature = mapping.signature(sheet.header)
        saved = ImportMapping.objects.filter(signature=signature).first() or ImportMapping(signature=signature)
        if saved.columns != columns or saved.headers != sheet.header:
            saved.headers, saved.columns = sheet.header, columns
            audited_save(saved, author=author)
    return pending


def _permission_errors(*, author: User, preview: Preview) -> list[RowError]:
    """A plan editor changes only actions whose lead department they manage (as on the action form)."""
    errors: list[RowError] = []
    if is_equity_team(author):
        return errors
    managed = managed_department_ids(author)  # once per file, not per row
    for change in preview.changes:
        if change.level == ACTION and change.kind == UPDATE and change.record is not None:
            department_id = change.record.lead_department_id  # type: ignore[attr-defined]
            if department_id not in managed:
                message = _("You may not change this action: it is led by a department you do not manage.")
                errors.append(RowError(change.line, str(_("Action")), message))
    return errors


def plan_import_preview(*, author: User, pending: PlanImport, lookups: Lookups | None = None) -> Preview:
    """Check every row and list what applying the file would create and change; saves nothing."""
    sheet = plan_import_sheet(pending=pending)
    preview = build_preview(plan=pending.plan, sheet=sheet, keys=pending.columns, lookups=lookups)
    preview.errors = sorted(preview.errors + _permission_errors(author=author, preview=preview), key=lambda e: e.line)
    return preview


@transaction.atomic
def plan_import_apply(*, author: User, pending: PlanImport, token: str) -> Preview:
    """Apply the file as previewed: refused with a message when the plan changed since the preview (`token`), and
    with every row's errors when any row is wrong; all or nothing."""
    plan = Plan.objects.select_for_update().get(pk=pending.plan_id)
    pending.plan = plan
    preview = plan_import_preview(author=author, pending=pending)
    if preview.token != token:
        message = _("The plan changed since you saw the preview; nothing was imported. Check the new preview.")
        raise ValidationError(message, code="stale")
    if preview.errors:
        raise PlanImportRefused(preview.errors)
    apply_preview(plan=plan, preview=preview, author=author, file_name=pending.file_name)
    pending.delete()
    return preview
