"""Writes to training records. Every write names its author for the audit trail and checks the rules."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from equity.audit import audited_delete, audited_save
from equity.concurrency import StaleEdit, lock_for_edit
from equity.models import User
from training.models import Attendance, Evaluation, Facilitator, Module, Session
from training.permissions import can_certify_facilitator, can_create_module, can_override_facilitators
from training.registration import registrations_promote, session_starts_at
from training.registration_models import Registration
from training.rollup import completion_rollup_refresh
from training.session_notices import session_cancelled_notify, session_changed_notify


def _check_revision(*, obj, expected_revision: int | None):
    """Lock an edited record's row and refuse a save made from a form older than the record (StaleEdit); returns
    the row as stored before this save (None for a new record)."""
    if not obj.pk:
        return None
    stored = lock_for_edit(obj=obj, revision=expected_revision, field="revision")
    obj.revision = stored.revision + 1
    return stored


@transaction.atomic
def module_save(*, author: User, module: Module, expected_revision: int | None = None) -> Module:
    """Create or update a curriculum module (who may: training.permissions.can_create_module)."""
    if not can_create_module(author):
        raise PermissionDenied
    if module.hours is not None and module.hours < 0:
        raise ValidationError({"hours": _("Hours cannot be below zero.")})
    _check_revision(obj=module, expected_revision=expected_revision)
    audited_save(module, author=author)
    return module


@transaction.atomic
def facilitator_save(
    *, author: User, facilitator: Facilitator, modules: Iterable[Module], expected_revision: int | None = None
) -> Facilitator:
    """Create or update a facilitator and the modules they are certified to deliver; sets the user's role flag
    (who may: training.permissions.can_certify_facilitator)."""
    if not can_certify_facilitator(author):
        raise PermissionDenied
    _check_revision(obj=facilitator, expected_revision=expected_revision)
    audited_save(facilitator, author=author)
    facilitator.modules.set(modules)
    person = facilitator.user
    if facilitator.is_active and not person.is_facilitator:
        person.is_facilitator = True
        audited_save(person, author=author, update_fields=["is_facilitator"])
    return facilitator


def _check_facilitators(*, session: Session, co_facilitators: Sequence[Facilitator]) -> None:
    errors: dict[str, list[str]] = {}
    if session.lead_facilitator_id and session.lead_facilitator in co_facilitators:
        errors.setdefault("co_facilitators", []).append(_("The lead facilitator is already the lead."))
    if not session.facilitator_override:
        certified = set(session.module.facilitators.filter(is_active=True).values_list("pk", flat=True))
        if session.lead_facilitator_id and session.lead_facilitator_id not in certified:
            errors.setdefault("lead_facilitator", []).append(
                _("%(name)s is not certified to deliver %(module)s.")
                % {"name": session.lead_facilitator, "module": session.module}
            )
        uncertified = [str(f) for f in co_facilitators if f.pk not in certified]
        if uncertified:
            errors.setdefault("co_facilitators", []).append(
                _("Not certified to deliver %(module)s: %(names)s.")
                % {"module": session.module, "names": ", ".join(uncertified)}
            )
    if errors:
        raise ValidationError(errors)


def _check_session(*, session: Session) -> None:
    errors: dict[str, str] = {}
    if session.start_time and session.end_time and session.end_time <= session.start_time:
        errors["end_time"] = _("The session must end after it starts.")
    if session.hours_credited is not None and session.hours_credited < 0:
        errors["hours_credited"] = _("Hours credited cannot be below zero.")
    if session.audience == Session.Audience.DEPARTMENT and not session.department_id:
        errors["department"] = _("Choose the department this session is for.")
    closes = session.registration_closes_at
    if closes is not None and session.date and session.start_time and closes > session_starts_at(session):
        errors["registration_closes_at"] = _("Registration must close before the session starts.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_save(
    *,
    author: User,
    session: Session,
    co_facilitators: Sequence[Facilitator] = (),
    expected_revision: int | None = None,
    override_before: bool = False,
) -> Session:
    """Create or update a session: ends after it starts, hours ≥ 0, facilitators certified for the module
    unless the equity team set the override (`override_before` is the stored value, for edits)."""
    if session.facilitator_override and not override_before and not can_override_facilitators(author):
        raise ValidationError(
            {"facilitator_override": _("Only the equity team can override facilitator certification.")}
        )
    _check_session(session=session)
    _check_facilitators(session=session, co_facilitators=co_facilitators)
    before = _check_revision(obj=session, expected_revision=expected_revision)
    existed = session.pk is not None
    if not existed:
        session.created_by = author
    audited_save(session, author=author)
    session.co_facilitators.set(co_facilitators)
    if existed:
        # A new module or date changes what the roster's people completed, and when.
        completion_rollup_refresh(user_ids=session.attendances.values_list("user_id", flat=True))
        if session_starts_at(session) > timezone.now():
            registrations_promote(author=author, session=session)  # a larger capacity frees places
        session_changed_notify(session=session, before=before, author=author)
    return session


@transaction.atomic
def session_delete(*, author: User, session: Session) -> None:
    """Delete a session and its roster (the history keeps them); deleting an upcoming session cancels it: the
    people registered or waiting are told first."""
    session_cancelled_notify(session=session, author=author)
    attendances = list(session.attendances.all())
    for attendance in attendances:
        audited_delete(attendance, author=author)
    audited_delete(session, author=author)
    completion_rollup_refresh(user_ids=[a.user_id for a in attendances])


@dataclass
class RosterRow:
    """One line of the roster grid: an existing attendance (pk) or a new one; `delete` removes it."""

    pk: int | None
    user: User | None
    external_name: str
    external_organisation: str
    status: str
    minutes: int | None
    completed: bool
    delete: bool = False
    external_individual: bool = False


def default_department(*, user: User, session: Session, memberships: dict[int, list[int]]) -> int | None:
    """The department an attendee is counted in: the session's department if they belong to it, else their first."""
    ids = memberships.get(user.pk, [])
    if session.department_id and session.department_id in ids:
        return session.department_id
    return ids[0] if ids else None


def user_memberships(*, user_ids: Iterable[int]) -> dict[int, list[int]]:
    """Department ids of each user, lowest id first, in one query."""
    result: dict[int, list[int]] = {}
    rows = User.departments.through.objects.filter(user_id__in=list(user_ids)).order_by("user_id", "department_id")
    for user_id, department_id in rows.values_list("user_id", "department_id"):
        result.setdefault(user_id, []).append(department_id)
    return result


def over_capacity_message(*, session: Session, count: int) -> str:
    return _("%(count)d people attended but the session's capacity is %(capacity)d. Confirm to save anyway.") % {
        "count": count,
        "capacity": session.capacity,
    }


def roster_stamp(*, session: Session) -> str:
    """A fingerprint of the roster as it is now (rows and their last change), to refuse stale roster edits."""
    state = session.attendances.aggregate(n=Count("pk"), last=Max("updated_at"), top=Max("pk"))
    last = state["last"].timestamp() if state["last"] else 0
    return f"{state['n']}-{state['top'] or 0}-{last:.6f}"


@transaction.atomic
def roster_save(
    *,
    author: User,
    session: Session,
    rows: Sequence[RosterRow],
    confirm_over_capacity: bool = False,
    expected_stamp: str | None = None,
) -> list[Attendance]:
    """Save the roster grid in one go: refuse duplicate people, and going above capacity without confirmation."""
    # The session row is the roster's lock: a second save waits here, then sees the first one's stamp.
    lock_for_edit(
        obj=session, revision=expected_stamp, stamp=lambda locked: roster_stamp(session=locked), what=_("the roster")
    )
    # The grid shows a page of the roster: lock and load the rows it sent; the rest only count and clash.
    sent = [r.pk for r in rows if r.pk is not None]
    existing = {a.pk: a for a in session.attendances.select_for_update().filter(pk__in=sent)}
    others = session.attendances.exclude(pk__in=sent)
    people_before = [a.user_id for a in existing.values()]
    kept = [r for r in rows if not r.delete]
    elsewhere = set(
        others.filter(user__in=[r.user.pk for r in kept if r.user is not None]).values_list("user_id", flat=True)
    )
    errors = []
    seen: dict[int, int] = {}
    for index, row in enumerate(kept, start=1):
        if row.pk is not None and row.pk not in existing:
            raise ValidationError(_("A roster row does not belong to this session."))
        if row.user is None and not row.external_name.strip():
            errors.append(_("Row %(n)d: choose a staff member or enter an external participant's name.") % {"n": index})
        elif row.user is None and not row.external_organisation.strip() and not row.external_individual:
            errors.append(
                _("Row %(n)d: %(name)s needs an organisation, or “Individual” if they came on their own behalf.")
                % {"n": index, "name": row.external_name.strip()}
            )
        if row.user is not None:
            if row.user.pk in seen:
                errors.append(
                    _("Row %(n)d: %(name)s is already on this roster (row %(first)d).")
                    % {"n": index, "name": row.user, "first": seen[row.user.pk]}
                )
            elif row.user.pk in elsewhere:
                errors.append(
                    _("Row %(n)d: %(name)s is already on this roster (on another page).")
                    % {"n": index, "name": row.user}
                )
            seen.setdefault(row.user.pk, index)
    if errors:
        raise ValidationError(errors)
    present_statuses = (Attendance.Status.ATTENDED, Attendance.Status.PARTIAL)
    present = sum(1 for r in kept if r.status in present_statuses)
    if session.capacity is not None:
        present += others.filter(status__in=present_statuses).count()
    if session.capacity is not None and present > session.capacity and not confirm_over_capacity:
        raise ValidationError(over_capacity_message(session=session, count=present), code="over_capacity")

    for row in rows:
        if row.delete and row.pk in existing:
            audited_delete(existing.pop(row.pk), author=author)
    memberships = user_memberships(user_ids=[r.user.pk for r in kept if r.user is not None])
    # Updates before inserts, so a person moved from a deleted or changed row to a new one never clashes.
    saved: list[Attendance] = []
    new: list[Attendance] = []
    for row in kept:
        attendance = existing.get(row.pk) if row.pk is not None else None
        if attendance is None:
            attendance = Attendance(session=session)
            new.append(attendance)
        user_changed = attendance.user_id != (row.user.pk if row.user else None)
        attendance.user = row.user
        attendance.external_name = "" if row.user else row.external_name.strip()
        attendance.external_organisation = "" if row.user else row.external_organisation.strip()
        attendance.external_individual = (
            not row.user and not attendance.external_organisation and row.external_individual
        )
        attendance.status = row.status
        attendance.minutes = row.minutes
        attendance.completed = row.completed and row.status != Attendance.Status.NO_SHOW
        if row.user and (user_changed or attendance.department_id is None):
            attendance.department_id = default_department(user=row.user, session=session, memberships=memberships)
        elif not row.user:
            attendance.department_id = None
        saved.append(attendance)
    try:
        for attendance in saved:
            if attendance not in new:
                audited_save(attendance, author=author)
        for attendance in new:
            audited_save(attendance, author=author)
    except IntegrityError as exc:
        # Defence in depth behind the session lock: a person added by a save this one could not see (a writer
        # that bypassed the lock) is a stale edit, never a 500. The whole transaction is rolled back.
        raise StaleEdit(what=_("the roster")) from exc
    completion_rollup_refresh(user_ids=people_before + [a.user_id for a in saved])
    return saved


@transaction.atomic
def roster_bulk_insert(*, author: User, attendances: list[Attendance]) -> int:
    """Insert many attendance rows with their history rows in a few statements (used by the CSV import)."""
    bulk_create_with_history(attendances, Attendance, batch_size=2000, default_user=author)
    completion_rollup_refresh(user_ids=[a.user_id for a in attendances])
    return len(attendances)


@transaction.atomic
def evaluation_save(
    *,
    author: User,
    session: Session,
    pre_score: Decimal,
    post_score: Decimal,
    respondents: int = 1,
    attendance: Attendance | None = None,
) -> Evaluation:
    """Record pre/post survey scores: one participant's, or an average over several respondents."""
    if attendance is not None and attendance.session_id != session.pk:
        raise ValidationError(_("This participant is not on the session's roster."))
    if respondents < 1:
        raise ValidationError({"respondents": _("At least one person must have responded.")})
    evaluation = Evaluation(
        session=session, attendance=attendance, respondents=respondents, pre_score=pre_score, post_score=post_score
    )
    evaluation.full_clean()
    audited_save(evaluation, author=author)
    return evaluation


@transaction.atomic
def session_log(
    *,
    author: User,
    session: Session,
    co_facilitators: Sequence[Facilitator],
    rows: Sequence[RosterRow],
    confirm_over_capacity: bool = False,
) -> Session:
    """Log a new session and its roster in one transaction: either both are saved or neither."""
    session_save(author=author, session=session, co_facilitators=co_facilitators)
    roster_save(author=author, session=session, rows=rows, confirm_over_capacity=confirm_over_capacity)
    return session


@transaction.atomic
def roster_add_registered(*, author: User, session: Session) -> list[Attendance]:
    """Take attendance from the registrations: everyone registered (not waiting) who is not yet on the roster is
    added as attended and completed; the facilitator then marks no-shows and partial attendance on the grid."""
    lock_for_edit(obj=session, revision=None)  # the roster's lock, as in roster_save
    on_roster = session.attendances.filter(user__isnull=False).values("user_id")
    registered = (
        Registration.objects.filter(session=session, status=Registration.Status.REGISTERED)
        .exclude(user_id__in=on_roster)
        .select_related("user")
        .order_by("requested_at", "pk")
    )
    people = [r.user for r in registered]
    memberships = user_memberships(user_ids=[p.pk for p in people])
    added = []
    for person in people:
        attendance = Attendance(
            session=session,
            user=person,
            status=Attendance.Status.ATTENDED,
            minutes=session.duration_minutes,
            completed=True,
            department_id=default_department(user=person, session=session, memberships=memberships),
        )
        audited_save(attendance, author=author, reason=_("Added from the registrations"))
        added.append(attendance)
    completion_rollup_refresh(user_ids=[p.pk for p in people])
    return added
