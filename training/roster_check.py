"""Checking the rows of a roster import: matching people to staff, reading status and minutes, finding duplicates.

Nothing here writes; `training.roster_import` saves what the check finds clean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from equity.models import User
from training.models import Attendance, RosterImport, Session

# One limit per field (ADR 0018): the attendance columns' own, used by the grid's form and this check alike.
NAME_MAX_CHARS = Attendance._meta.get_field("external_name").max_length or 150
ATTENDED_SHARE = 0.75  # minutes at or above this share of the session's length count as "attended"

STATUS_WORDS = {
    "attended": Attendance.Status.ATTENDED,
    "present": Attendance.Status.ATTENDED,
    "yes": Attendance.Status.ATTENDED,
    "partial": Attendance.Status.PARTIAL,
    "partly": Attendance.Status.PARTIAL,
    "left early": Attendance.Status.PARTIAL,
    "no-show": Attendance.Status.NO_SHOW,
    "no show": Attendance.Status.NO_SHOW,
    "noshow": Attendance.Status.NO_SHOW,
    "no_show": Attendance.Status.NO_SHOW,
    "absent": Attendance.Status.NO_SHOW,
    "excused": Attendance.Status.EXCUSED,
}
# The organisation column's word for an external participant who came on their own behalf.
INDIVIDUAL_WORDS = {"individual", "(individual)", "self", "none"}
TRUE_WORDS = {"yes", "y", "true", "1", "completed", "x"}
FALSE_WORDS = {"no", "n", "false", "0", ""}


@dataclass
class RowCheck:
    """One CSV row after matching and checking, with the resolution the facilitator chose (if any)."""

    line: int
    values: dict[str, str]
    user_id: int | None = None
    external_name: str = ""
    external_organisation: str = ""
    external_individual: bool = False
    status: str = ""
    minutes: int | None = None
    completed: bool = False
    errors: list[str] = field(default_factory=list)
    resolution: dict = field(default_factory=dict)
    dropped: bool = False


@dataclass
class ImportCheck:
    rows: list[RowCheck]
    users: dict[int, User]

    @property
    def problems(self) -> list[RowCheck]:
        return [r for r in self.rows if r.errors and not r.dropped]

    @property
    def ready(self) -> list[RowCheck]:
        return [r for r in self.rows if not r.errors and not r.dropped]

    @property
    def dropped(self) -> list[RowCheck]:
        return [r for r in self.rows if r.dropped]

    @property
    def is_clean(self) -> bool:
        return not self.problems


def parse_minutes(value: str) -> int | None:
    """Minutes from '95', '95 min', '1:35', '1:35:20', '1h 35m' or '1 hr 35 mins'; ValueError otherwise."""
    text = value.strip().lower()
    if not text:
        return None
    if number := re.fullmatch(r"(\d+(\.\d+)?)\s*(m|min|mins|minutes)?", text):
        return round(float(number.group(1)))
    if re.fullmatch(r"\d+:\d{2}(:\d{2})?", text):
        parts = [int(p) for p in text.split(":")]
        hours, minutes = parts[0], parts[1]
        seconds = parts[2] if len(parts) == 3 else 0
        return hours * 60 + minutes + round(seconds / 60)
    match = re.fullmatch(
        r"(?:(\d+)\s*(?:h|hr|hrs|hours?))?\s*(?:(\d+)\s*(?:m|min|mins|minutes?))?\s*(?:(\d+)\s*s)?", text
    )
    if match and any(match.groups()):
        hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
        return hours * 60 + minutes + round(seconds / 60)
    raise ValueError(value)


def _derived_status(*, minutes: int | None, session: Session) -> str:
    if minutes is None or not session.duration_minutes:
        return Attendance.Status.ATTENDED
    if minutes >= session.duration_minutes * ATTENDED_SHARE:
        return Attendance.Status.ATTENDED
    return Attendance.Status.PARTIAL if minutes > 0 else Attendance.Status.NO_SHOW


def _chunks(items: list, size: int = 5000):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _lookup_users(*, values: list[dict[str, str]]) -> tuple[dict[str, User], dict[str, User]]:
    """Staff by lower-cased e-mail and by employee id, in a few queries whatever the file size."""
    emails = sorted({v["email"].lower() for v in values if v.get("email")})
    employee_ids = sorted({v["employee_id"] for v in values if v.get("employee_id")})
    by_email: dict[str, User] = {}
    for chunk in _chunks(emails):
        for user in User.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=chunk):
            by_email[user.email_lower] = user
    by_employee: dict[str, User] = {}
    for chunk in _chunks(employee_ids):
        for person in User.objects.filter(employee_id__in=chunk):
            by_employee.setdefault(person.employee_id, person)
    return by_email, by_employee


def _resolution_users(imp: RosterImport) -> dict[int, User]:
    ids = [r.get("user") for r in imp.resolutions.values() if r.get("action") == "user" and r.get("user")]
    return {u.pk: u for u in User.objects.filter(pk__in=ids, is_active=True)} if ids else {}


def _external(row: RowCheck, *, name: str, organisation: str) -> None:
    """An external participant: a name, and an organisation or the word "individual"."""
    row.external_name = name.strip()
    organisation = organisation.strip()
    if organisation.lower() in INDIVIDUAL_WORDS or organisation.lower() == _("individual").lower():
        row.external_individual = True
        organisation = ""
    for value, label in ((row.external_name, _("The name")), (organisation, _("The organisation"))):
        if len(value) > NAME_MAX_CHARS:
            row.errors.append(
                _("%(field)s has %(n)d characters; at most %(max)d.")
                % {"field": label, "n": len(value), "max": NAME_MAX_CHARS}
            )
    row.external_organisation = organisation
    if row.external_name and not organisation and not row.external_individual:
        row.errors.append(
            _(
                "%(name)s is an external participant: enter their organisation, "
                "or “individual” if they came on their own behalf."
            )
            % {"name": row.external_name}
        )


def _identify(row: RowCheck, values, by_email, by_employee, chosen, resolution) -> None:
    action = resolution.get("action")
    if action == "user":
        user = chosen.get(resolution.get("user"))
        if user is None:
            row.errors.append(_("Choose the staff member this row is."))
        else:
            row.user_id = user.pk
        return
    if action == "external":
        name = resolution.get("name") or values.get("name", "")
        _external(row, name=name, organisation=resolution.get("organisation") or values.get("organisation", ""))
        if not row.external_name:
            row.errors.append(_("Enter the external participant's name."))
        return
    email = values.get("email", "")
    employee_id = values.get("employee_id", "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            row.errors.append(_("'%(value)s' is not a valid e-mail address.") % {"value": email})
            return
        user = by_email.get(email.lower())
        if user is None and employee_id:
            user = by_employee.get(employee_id)
        if user is None:
            row.errors.append(_("No staff member has the e-mail address %(value)s.") % {"value": email})
            return
        row.user_id = user.pk
        return
    if employee_id:
        user = by_employee.get(employee_id)
        if user is None:
            row.errors.append(_("No staff member has the employee ID %(value)s.") % {"value": employee_id})
            return
        row.user_id = user.pk
        return
    if values.get("organisation") and values.get("name"):
        _external(row, name=values["name"], organisation=values["organisation"])
        return
    if values.get("name"):
        row.errors.append(
            _(
                "No e-mail address or employee ID to match %(name)s. "
                "An external participant needs an organisation, or “individual”."
            )
            % {"name": values["name"]}
        )
    else:
        row.errors.append(_("The row names nobody."))


def _attendance_fields(row: RowCheck, values, resolution, session: Session) -> None:
    raw_minutes = resolution["minutes"] if "minutes" in resolution else values.get("minutes", "")
    try:
        row.minutes = parse_minutes(str(raw_minutes))
    except ValueError:
        row.errors.append(_("'%(value)s' is not a number of minutes.") % {"value": raw_minutes})
    if row.minutes is not None and row.minutes > 24 * 60:
        row.errors.append(_("%(value)s minutes is more than a day.") % {"value": row.minutes})
    raw_status = resolution.get("status") or values.get("status", "")
    if raw_status:
        status = STATUS_WORDS.get(raw_status.strip().lower())
        if status is None:
            row.errors.append(
                _("Unknown status '%(value)s': use attended, partial, no-show or excused.") % {"value": raw_status}
            )
        else:
            row.status = status
    else:
        row.status = _derived_status(minutes=row.minutes, session=session)
    raw_completed = values.get("completed", "").strip().lower()
    if "completed" in resolution:
        row.completed = bool(resolution["completed"])
    elif raw_completed and raw_completed not in TRUE_WORDS | FALSE_WORDS:
        row.errors.append(_("'%(value)s' is not yes or no (completed).") % {"value": raw_completed})
    elif raw_completed:
        row.completed = raw_completed in TRUE_WORDS
    else:
        row.completed = row.status == Attendance.Status.ATTENDED
    if row.status in (Attendance.Status.NO_SHOW, Attendance.Status.EXCUSED):
        row.completed = False


def roster_import_check(*, imp: RosterImport) -> ImportCheck:
    """Check every row against staff, the session's roster and each other, applying the resolutions."""
    session = imp.session
    columns = {name: imp.header.index(col) for name, col in imp.mapping.items() if col in imp.header}
    all_values = [
        {name: (cells[i] if i < len(cells) else "").strip() for name, i in columns.items()} for _line, cells in imp.rows
    ]
    by_email, by_employee = _lookup_users(values=all_values)
    chosen = _resolution_users(imp)
    on_roster = set(session.attendances.filter(user__isnull=False).values_list("user_id", flat=True))
    on_roster_external = {
        (n.lower(), o.lower())
        for n, o in session.attendances.filter(user__isnull=True).values_list("external_name", "external_organisation")
    }
    checks: list[RowCheck] = []
    first_line: dict[object, int] = {}
    for (line, _cells), values in zip(imp.rows, all_values, strict=True):
        resolution = imp.resolutions.get(str(line), {})
        row = RowCheck(line=line, values=values, resolution=resolution)
        checks.append(row)
        if resolution.get("action") == "drop":
            row.dropped = True
            continue
        _identify(row, values, by_email, by_employee, chosen, resolution)
        _attendance_fields(row, values, resolution, session)
        person = row.user_id or (row.external_name.lower(), row.external_organisation.lower())
        if (row.user_id and row.user_id in on_roster) or (not row.user_id and person in on_roster_external):
            row.errors.append(_("This person is already on the session's roster."))
        elif (row.user_id or row.external_name) and person in first_line:
            row.errors.append(_("The same person is also on row %(line)d.") % {"line": first_line[person]})
        elif row.user_id or row.external_name:
            first_line[person] = line
    users = {u.pk: u for u in list(by_email.values()) + list(by_employee.values()) + list(chosen.values())}
    return ImportCheck(rows=checks, users=users)
