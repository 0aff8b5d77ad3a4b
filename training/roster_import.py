"""Importing a session's attendance from a CSV roster (or a videoconference attendance export).

Steps: upload (the file is read completely and kept as a RosterImport) → map columns → check every row → the
facilitator resolves the rows that could not be matched or are wrong (pick the staff member, mark as an external
participant, or drop the row) → save, in one transaction with bulk inserts. Nothing is saved while any row has
a problem; nothing is guessed from names.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from equity.audit import audited_save
from equity.models import User
from training.models import Attendance, RosterImport, Session
from training.roster_check import roster_import_check
from training.roster_file import MAX_VALUE_CHARS, read_roster_upload
from training.services import (
    default_department,
    over_capacity_message,
    roster_bulk_insert,
    user_memberships,
)

MAX_PROBLEMS_SHOWN = 50  # rows resolved per page; the rest after "Apply and check again"

# The documented columns of the portal's own roster format, in order.
FIELDS = {
    "email": gettext_lazy("E-mail address"),
    "employee_id": gettext_lazy("Employee ID"),
    "name": gettext_lazy("Name"),
    "organisation": gettext_lazy("Organisation (external participants, or “individual”)"),
    "status": gettext_lazy("Status"),
    "minutes": gettext_lazy("Minutes attended"),
    "completed": gettext_lazy("Completed"),
}
IDENTITY_FIELDS = ("email", "employee_id", "name")

# Header spellings seen in the portal's template and in Zoom, Teams and Webex attendance exports.
ALIASES = {
    "email": {"email", "emailaddress", "useremail", "attendeeemail", "participantemail", "mail"},
    "employee_id": {"employeeid", "employeenumber", "empid", "staffid", "employeeno"},
    "name": {
        "name", "fullname", "nameoriginalname", "participantname", "attendeename", "displayname", "participant",
    },
    "organisation": {"organisation", "organization", "org", "company", "agency"},
    "status": {"status", "attendance", "attendancestatus"},
    "minutes": {
        "minutes", "duration", "durationminutes", "minutesattended", "totalduration", "induration",
        "inmeetingduration", "timeinsessionminutes", "attendanceduration",
    },
    "completed": {"completed", "complete", "completion"},
}  # fmt: skip


EXAMPLE_ROWS = [
    ["dana.okafor@stlouispark.example", "", "Dana Okafor", "", "attended", "120", "yes"],
    ["", "E10442", "Paul Westberg", "", "partial", "75", "no"],
    ["", "", "Aisha Mohamed", "Hennepin County", "attended", "120", "yes"],
    ["jamal.carter@stlouispark.example", "", "Jamal Carter", "", "excused", "", "no"],
]


def _key(header: str) -> str:
    return re.sub(r"[^a-z]", "", header.lower())


def mapping_guess(*, header: list[str]) -> dict[str, str]:
    """Map each field to the first column whose name is a known spelling; unknown fields stay unmapped."""
    mapping: dict[str, str] = {}
    for name, aliases in ALIASES.items():
        for column in header:
            if _key(column) in aliases and column not in mapping.values():
                mapping[name] = column
                break
    return mapping


def mapping_check(*, mapping: dict[str, str], header: list[str]) -> list[str]:
    """Errors in a column mapping: unknown columns, a column used twice, no way to identify people."""
    errors = []
    used = [c for c in mapping.values() if c]
    if any(c not in header for c in used):
        errors.append(_("The mapping names a column that is not in the file."))
    if len(used) != len(set(used)):
        errors.append(_("Each column can be used for one field only."))
    if not any(mapping.get(f) for f in IDENTITY_FIELDS):
        errors.append(_("Map at least one of the e-mail address, employee ID or name columns."))
    return errors


@transaction.atomic
def roster_import_start(*, author: User, session: Session, upload: UploadedFile) -> RosterImport:
    """Read the uploaded file within the limits of `training.roster_file` and keep it for mapping and checking."""
    table = read_roster_upload(upload)
    if not table.rows:
        raise ValidationError(_("The file has a header but no rows."))
    if len(set(table.header)) != len(table.header):
        raise ValidationError(_("Two columns have the same name: rename one and upload the file again."))
    imp = RosterImport(
        session=session,
        created_by=author,
        filename=(upload.name or "roster.csv")[:255],
        header=table.header,
        rows=[[line, [row.get(h, "") for h in table.header]] for line, row in table.rows],
        mapping=mapping_guess(header=table.header),
    )
    audited_save(imp, author=author)
    return imp


def roster_import_set_mapping(*, author: User, imp: RosterImport, mapping: dict[str, str]) -> RosterImport:
    """Store the facilitator's column mapping (resolutions made under another mapping are dropped)."""
    mapping = {k: v for k, v in mapping.items() if k in FIELDS and v}
    errors = mapping_check(mapping=mapping, header=imp.header)
    if errors:
        raise ValidationError(errors)
    if mapping != imp.mapping:
        imp.resolutions = {}
    imp.mapping = mapping
    audited_save(imp, author=author, update_fields=["mapping", "resolutions", "updated_at"])
    return imp


def roster_import_resolve(*, author: User, imp: RosterImport, resolutions: dict[str, dict]) -> RosterImport:
    """Record the facilitator's choices for problem rows (keyed by CSV line number)."""
    lines = {str(line) for line, _cells in imp.rows}
    for key, resolution in resolutions.items():
        if key not in lines or resolution.get("action") not in ("user", "external", "drop", ""):
            raise ValidationError(_("The resolution names a row that is not in this file."))
        if any(isinstance(v, str) and len(v) > MAX_VALUE_CHARS for v in resolution.values()):
            raise ValidationError(_("A value is longer than %(n)d characters.") % {"n": MAX_VALUE_CHARS})
    merged = dict(imp.resolutions)
    for key, resolution in resolutions.items():
        if resolution.get("action") or resolution.get("status") or "minutes" in resolution:
            merged[key] = resolution
        else:
            merged.pop(key, None)
    imp.resolutions = merged
    audited_save(imp, author=author, update_fields=["resolutions", "updated_at"])
    return imp


def roster_import_commit(*, author: User, imp: RosterImport, confirm_over_capacity: bool = False) -> int:
    """Save the checked rows as attendance in one transaction (bulk insert with history); refuse any problem."""
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=imp.session_id)
        imp = RosterImport.objects.select_for_update().get(pk=imp.pk)
        if imp.status != RosterImport.Status.PENDING:
            raise ValidationError(_("This file has already been imported."))
        check = roster_import_check(imp=imp)
        if not check.is_clean:
            raise ValidationError(
                _("%(n)d rows still have problems: resolve them before saving.") % {"n": len(check.problems)}
            )
        ready = check.ready
        present_statuses = (Attendance.Status.ATTENDED, Attendance.Status.PARTIAL)
        present = session.attendances.filter(status__in=present_statuses).count()
        present += sum(1 for r in ready if r.status in present_statuses)
        if session.capacity is not None and present > session.capacity and not confirm_over_capacity:
            raise ValidationError(over_capacity_message(session=session, count=present), code="over_capacity")
        memberships = user_memberships(user_ids=[r.user_id for r in ready if r.user_id])
        attendances = []
        for row in ready:
            department_id = None
            if row.user_id:
                department_id = default_department(
                    user=check.users[row.user_id], session=session, memberships=memberships
                )
            attendances.append(
                Attendance(
                    session=session,
                    user_id=row.user_id,
                    external_name=row.external_name,
                    external_organisation=row.external_organisation,
                    external_individual=row.external_individual,
                    department_id=department_id,
                    status=row.status,
                    minutes=row.minutes,
                    completed=row.completed,
                )
            )
        count = roster_bulk_insert(author=author, attendances=attendances)
        imp.status = RosterImport.Status.SAVED
        imp.saved_count = count
        imp.rows = []  # the rows now live as attendance; keep no second copy of people's data
        audited_save(imp, author=author, update_fields=["status", "saved_count", "rows", "updated_at"])
    return count
