"""Reads of training records, scoped to the requesting user. Completion is derived from attendance here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, F, IntegerField, Min, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from equity import permissions as core
from equity.models import ROLE_FLAGS, Department, Role, User
from training.models import Attendance, CompletionRollup, Evaluation, Facilitator, Module, RosterImport, Session
from training.permissions import sees_all_training
from training.registration_models import Registration


def module_list_for_user(*, user: User, include_inactive: bool = False) -> QuerySet[Module]:
    """Active modules for everyone; retired ones too for the equity team when asked."""
    qs = Module.objects.all()
    if include_inactive and core.is_equity_team(user):
        return qs
    return qs.filter(is_active=True)


def _count_subquery(qs: QuerySet, column: str) -> Subquery:
    """A correlated COUNT(*) as a subquery, so several counts over different relations never multiply."""
    return Subquery(qs.order_by().values(column).annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField())


def facilitator_list_for_user(*, user: User) -> QuerySet[Facilitator]:
    """The facilitator roster with sessions delivered (as lead or co-facilitator) and `certified_modules` (a list,
    by title); inactive ones for the team. The counts are correlated subqueries: PostgreSQL runs them after the
    sort and limit, so only for the rows of the page shown (an index scan each)."""
    led = Session.objects.filter(lead_facilitator=OuterRef("pk"), date__lte=timezone.localdate())
    co = Session.co_facilitators.through.objects.filter(
        facilitator_id=OuterRef("pk"), session__date__lte=timezone.localdate()
    )
    qs = (
        Facilitator.objects.select_related("user")
        .prefetch_related(Prefetch("modules", Module.objects.only("pk", "title"), to_attr="certified_modules"))
        .annotate(
            led_count=Coalesce(_count_subquery(led, "lead_facilitator"), 0),
            co_count=Coalesce(_count_subquery(co, "facilitator_id"), 0),
        )
        .order_by("user__full_name", "pk")
    )
    return qs if core.is_equity_team(user) else qs.filter(is_active=True)


def visible_sessions_for_user(*, user: User) -> QuerySet[Session]:
    """The one visibility rule of sessions, without counts: all for facilitators and the equity team; city-wide ones
    and their own departments' for everyone else. With the module, lead facilitator and department the pages show."""
    qs = Session.objects.select_related("module", "lead_facilitator__user", "department")
    if sees_all_training(user):
        return qs
    return qs.filter(Q(department__isnull=True) | Q(department_id__in=core.department_ids(user)))


def session_list_for_user(
    *,
    user: User,
    module: Module | None = None,
    department: Department | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    session_format: str = "",
    facilitator: Facilitator | None = None,
) -> QuerySet[Session]:
    """Sessions the user may see (`visible_sessions_for_user`), each with named counts: `attended_count`,
    `partial_count`, `excused_count`, `no_show_count` (the roster by status), `completed_count`, and
    `registered_count`, `waiting_count` (self-registration)."""
    attendees = Attendance.objects.filter(session=OuterRef("pk"))
    registrations = Registration.objects.filter(session=OuterRef("pk"))
    status = Attendance.Status
    qs = visible_sessions_for_user(user=user).annotate(
        attended_count=Coalesce(_count_subquery(attendees.filter(status=status.ATTENDED), "session"), 0),
        partial_count=Coalesce(_count_subquery(attendees.filter(status=status.PARTIAL), "session"), 0),
        excused_count=Coalesce(_count_subquery(attendees.filter(status=status.EXCUSED), "session"), 0),
        no_show_count=Coalesce(_count_subquery(attendees.filter(status=status.NO_SHOW), "session"), 0),
        completed_count=Coalesce(_count_subquery(attendees.filter(completed=True), "session"), 0),
        registered_count=Coalesce(_count_subquery(registrations.filter(status="registered"), "session"), 0),
        waiting_count=Coalesce(_count_subquery(registrations.filter(status="waiting"), "session"), 0),
    )
    if module is not None:
        qs = qs.filter(module=module)
    if department is not None:
        qs = qs.filter(department=department)
    if date_from is not None:
        qs = qs.filter(date__gte=date_from)
    if date_to is not None:
        qs = qs.filter(date__lte=date_to)
    if session_format:
        qs = qs.filter(format=session_format)
    if facilitator is not None:
        qs = qs.filter(Q(lead_facilitator=facilitator) | Q(co_facilitators=facilitator)).distinct()
    return qs.order_by("-date", "-start_time", "-pk")


def session_get_for_user(*, user: User, pk: int) -> Session | None:
    """One session the user may see (`visible_sessions_for_user`, as the list), with the list's named counts, or
    None. The counts come from two grouped queries (attendance by status, registrations by status): for one row they
    cost a third of building and running the list's seven correlated subqueries."""
    session = visible_sessions_for_user(user=user).filter(pk=pk).first()
    if session is None:
        return None
    by_status: dict[str, int] = {}
    completed = 0
    for status, done, n in session.attendances.order_by().values_list("status", "completed").annotate(n=Count("pk")):
        by_status[status] = by_status.get(status, 0) + n
        completed += n if done else 0
    registrations = dict(session.registrations.order_by().values_list("status").annotate(n=Count("pk")))
    status = Attendance.Status
    counts = {
        "attended_count": by_status.get(status.ATTENDED, 0),
        "partial_count": by_status.get(status.PARTIAL, 0),
        "excused_count": by_status.get(status.EXCUSED, 0),
        "no_show_count": by_status.get(status.NO_SHOW, 0),
        "completed_count": completed,
        "registered_count": registrations.get("registered", 0),
        "waiting_count": registrations.get("waiting", 0),
    }
    for name, value in counts.items():  # the attributes the list's annotations give
        setattr(session, name, value)
    return session


def upcoming_session_list_for_user(*, user: User, facilitator_only: bool = False) -> QuerySet[Session]:
    """Sessions the user may see from today on, soonest first, with the places the calendar shows:
    `registered_count` and `waiting_count` (not the list's roster counts, which an upcoming session has none of);
    with `facilitator_only`, those the user facilitates."""
    registrations = Registration.objects.filter(session=OuterRef("pk"))
    qs = (
        visible_sessions_for_user(user=user)
        .filter(date__gte=timezone.localdate())
        .annotate(
            registered_count=Coalesce(_count_subquery(registrations.filter(status="registered"), "session"), 0),
            waiting_count=Coalesce(_count_subquery(registrations.filter(status="waiting"), "session"), 0),
        )
    )
    if facilitator_only:
        qs = qs.filter(Q(lead_facilitator__user=user) | Q(co_facilitators__user=user)).distinct()
    return qs.order_by("date", "start_time", "pk")


def my_upcoming_sessions_for_user(*, user: User) -> QuerySet[Session]:
    """The dashboard's sessions: from today on, those the user leads or co-facilitates, soonest first, with only the
    module and `registered_count`, `waiting_count` (one query). The user's own sessions, so the visibility rule is
    left out (a facilitator sees every session); tests/training/test_dashboard.py compares it with
    `upcoming_session_list_for_user(facilitator_only=True)` per persona."""
    co_led = Session.co_facilitators.through.objects.filter(facilitator__user=user).values("session_id")
    places = {
        "registered_count": Count("registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)),
        "waiting_count": Count("registrations", filter=Q(registrations__status=Registration.Status.WAITING)),
    }
    return (
        Session.objects.filter(date__gte=timezone.localdate())
        .filter(Q(lead_facilitator__user=user) | Q(pk__in=co_led))
        .select_related("module")
        .annotate(**places)
        .order_by("date", "start_time", "pk")
    )


def attendance_list_for_user(*, user: User) -> QuerySet[Attendance]:
    """Attendance rows the user may see: everything for facilitators and the equity team; managers their
    departments' rows (by department at the time) and their own; staff their own."""
    qs = Attendance.objects.select_related("user", "department", "session__module")
    if sees_all_training(user):
        return qs
    managed = core.managed_department_ids(user)
    if managed:
        return qs.filter(Q(user=user) | Q(department_id__in=managed))
    return qs.filter(user=user)


def session_roster_for_user(*, user: User, session: Session, with_evaluations: bool = False) -> QuerySet[Attendance]:
    """A session's roster as the user may see it (`attendance_list_for_user`), by name, with each row's person and
    department (not the session and module, which the page shows once). `with_evaluations`: each row carries
    `evaluation_pk`, its participant's survey scores (None: none recorded), so the page's evaluation form offers
    the participants of the page shown without a query of its own."""
    roster = (
        attendance_list_for_user(user=user)
        .filter(session=session)
        .select_related(None)
        .select_related("user", "department")
        .order_by("user__full_name", "external_name", "pk")
    )
    return roster.annotate(evaluation_pk=F("evaluation__pk")) if with_evaluations else roster


def person_list_for_user(*, user: User) -> QuerySet[User]:
    """People whose training record the user may open: all for the equity team, managers their departments'
    staff, everyone their own."""
    qs = User.objects.all()
    if core.is_equity_team(user):
        return qs
    managed = core.managed_department_ids(user)
    if managed:
        return qs.filter(Q(pk=user.pk) | Q(departments__in=managed)).distinct()
    return qs.filter(pk=user.pk)


@dataclass(frozen=True)
class ModuleCompletion:
    module: Module
    completed_on: date | None
    times: int
    required: bool


@dataclass
class PersonRecord:
    """A person's training: each module with its first completion date, hours credited and their attendance
    (a lazy queryset, newest first: the page paginates it, the dashboard panel never reads it)."""

    person: User
    modules: list[ModuleCompletion]
    hours: Decimal
    attendances: QuerySet[Attendance]
    outstanding: list[Module] = field(default_factory=list)

    @property
    def completed_count(self) -> int:
        return sum(1 for row in self.modules if row.completed_on)


# The role each module audience is made of (None: all staff); a role's User flag is `equity.models.ROLE_FLAGS`'.
AUDIENCE_ROLES: dict[str, Role | None] = {
    Module.RequiredFor.ALL_STAFF: None,
    Module.RequiredFor.MANAGERS: Role.MANAGER,
    Module.RequiredFor.FACILITATORS: Role.FACILITATOR,
    Module.RequiredFor.EQUITY_TEAM: Role.EQUITY_TEAM,
}


def required_audience_q(*, module: Module, prefix: str = "") -> Q | None:
    """The users a module is required for, as a Q on User (with `prefix` for related lookups); None if nobody."""
    if module.required_for not in AUDIENCE_ROLES:
        return None
    role = AUDIENCE_ROLES[module.required_for]
    return Q() if role is None else Q(**{f"{prefix}{ROLE_FLAGS[role]}": True})


def module_required_for_person(*, module: Module, person: User) -> bool:
    """Whether the module is required of this person's roles."""
    if module.required_for not in AUDIENCE_ROLES:
        return False
    role = AUDIENCE_ROLES[module.required_for]
    return role is None or bool(getattr(person, ROLE_FLAGS[role]))


def person_record(*, person: User) -> PersonRecord:
    """Modules completed (first completion date, from attendance), hours credited and the attendance list."""
    completed = Attendance.objects.filter(user=person, completed=True)
    per_module = {
        row["session__module"]: row
        for row in completed.values("session__module").annotate(
            first=Min("session__date"), times=Count("pk"), hours=Sum("session__hours_credited")
        )
    }
    # The hours credited over every completion: the sum of the per-module sums (one query instead of two).
    hours = sum((row["hours"] or Decimal("0") for row in per_module.values()), Decimal("0"))
    modules = list(Module.objects.filter(Q(is_active=True) | Q(pk__in=per_module.keys())))
    rows = []
    for module in modules:
        done = per_module.get(module.pk)
        rows.append(
            ModuleCompletion(
                module=module,
                completed_on=done["first"] if done else None,
                times=done["times"] if done else 0,
                required=module_required_for_person(module=module, person=person),
            )
        )
    attendances = (
        Attendance.objects.filter(user=person)
        .select_related("session__module", "department")
        .order_by("-session__date", "-session__start_time", "-pk")
    )
    outstanding = [r.module for r in rows if r.required and r.completed_on is None and r.module.is_active]
    return PersonRecord(person=person, modules=rows, hours=hours, attendances=attendances, outstanding=outstanding)


def my_training_for_user(*, user: User, active: list[Module]) -> dict:
    """The figures of the user's own person record (`person_record`) without its attendance list, for the dashboard:
    `completed_count`, `hours` credited and the `active` modules still required of them (one query)."""
    per_module = {
        row["session__module"]: row["hours"]
        for row in Attendance.objects.filter(user=user, completed=True)
        .order_by()
        .values("session__module")
        .annotate(hours=Sum("session__hours_credited"))
    }
    hours = sum((h or Decimal("0") for h in per_module.values()), Decimal("0"))
    outstanding = [m for m in active if m.pk not in per_module and module_required_for_person(module=m, person=user)]
    return {"completed_count": len(per_module), "hours": hours, "outstanding": outstanding}


def evaluation_summary(*, session: Session) -> dict:
    """Average pre and post scores over all respondents (weighted by respondents) and the average gain."""
    weighted = DecimalField(max_digits=12, decimal_places=2)
    totals = Evaluation.objects.filter(session=session).aggregate(
        n=Sum("respondents"),
        evaluations=Count("pk"),
        pre=Sum(F("respondents") * F("pre_score"), output_field=weighted),
        post=Sum(F("respondents") * F("post_score"), output_field=weighted),
    )
    respondents = totals["n"] or 0
    if not respondents:
        return {"respondents": 0, "evaluations": 0}
    pre_avg = (Decimal(totals["pre"]) / respondents).quantize(Decimal("0.1"))
    post_avg = (Decimal(totals["post"]) / respondents).quantize(Decimal("0.1"))
    return {
        "respondents": respondents,
        "evaluations": totals["evaluations"],
        "pre": pre_avg,
        "post": post_avg,
        "gain": post_avg - pre_avg,
    }


def completions_are_rolled_up(*, date_from: date | None, date_to: date | None) -> bool:
    """Whether `completions` reads the roll-up for this period (anything but a period bounded on both sides)."""
    return date_from is None or date_to is None


def completion_rollups(
    *, modules: list[Module], date_from: date | None, date_to: date | None
) -> QuerySet[CompletionRollup]:
    """The roll-up rows (one per person and module) of the completions of `modules` within a period the roll-up
    answers (`completions_are_rolled_up`): completed again on or after `date_from`, first completed on or before
    `date_to`."""
    rollups = CompletionRollup.objects.filter(module__in=modules)
    if date_from is not None:
        rollups = rollups.filter(last_completed_on__gte=date_from)
    if date_to is not None:
        rollups = rollups.filter(first_completed_on__lte=date_to)
    return rollups


def completions(
    *, modules: list[Module], date_from: date | None, date_to: date | None, among: QuerySet | None = None
) -> QuerySet:
    """(user_id, module_id) of each person who completed one of `modules` within the period, one row per pair,
    optionally only people in `among` (a queryset of user ids).

    Read from the roll-up (training.rollup) unless the period is bounded on both sides: "completed on or after
    `date_from`" is exactly "last completion >= date_from", "on or before `date_to`" is "first completion <=
    date_to", but a completion between the two cannot be told from the first and last dates, so that case
    aggregates attendance."""
    if not completions_are_rolled_up(date_from=date_from, date_to=date_to):
        qs = Attendance.objects.filter(
            session__module__in=modules,
            completed=True,
            user__isnull=False,
            session__date__gte=date_from,
            session__date__lte=date_to,
        )
        if among is not None:
            qs = qs.filter(user_id__in=among)
        return qs.order_by().values_list("user_id", "session__module_id").distinct()
    rollups = completion_rollups(modules=modules, date_from=date_from, date_to=date_to)
    if among is not None:
        rollups = rollups.filter(user_id__in=among)
    return rollups.order_by().values_list("user_id", "module_id")


def completed_user_ids(
    *, module: Module, date_from: date | None, date_to: date | None, among: QuerySet | None = None
) -> QuerySet:
    """The ids of the users who completed `module` within the period (see `completions`), as an uncorrelated
    subquery: used as `user_id__in=...`, PostgreSQL runs it once per report (a hashed subplan), not once per
    person."""
    return completions(modules=[module], date_from=date_from, date_to=date_to, among=among).values("user_id")


def roster_import_list_for_user(*, user: User) -> QuerySet[RosterImport]:
    """Roster imports: the equity team sees all, a facilitator their own uploads."""
    qs = RosterImport.objects.select_related("session__module")
    return qs if core.is_equity_team(user) else qs.filter(created_by=user)
