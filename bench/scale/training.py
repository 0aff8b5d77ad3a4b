"""City-scale training data for measurements (`manage.py seed_scale`): facilitators, three years of sessions (and
a few weeks of upcoming ones), their attendance across the scale city's staff and their evaluations.

At factor 1.0: 3,000 sessions and about 150,000 attendance rows, bulk-inserted with their history rows.
`reset()` removes exactly what `seed()` made (sessions of the `Scale: ` modules, facilitators of `scale.` users)
with bulk SQL deletes: a queryset `.delete()` would send a signal and write a "deleted" history row per record.
"""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from bench.scale.core import USER_PREFIX, ScaleCity
from training.models import Attendance, CompletionRollup, Evaluation, Facilitator, Module, Session
from training.rollup import completion_rollup_rebuild

SCALE_NOTE = "scale."
MODULE_PREFIX = "Scale: "
SCALE_MODULES = [
    ("Foundations of Racial Equity", Module.Tier.FOUNDATIONAL, Module.RequiredFor.ALL_STAFF, "6.00"),
    ("Leading for Racial Equity", Module.Tier.LEADERSHIP, Module.RequiredFor.MANAGERS, "4.00"),
    ("Using the Racial Equity Tool", Module.Tier.TOOL, Module.RequiredFor.NONE, "3.00"),
    ("Implicit Bias in Hiring", Module.Tier.TOPIC, Module.RequiredFor.NONE, "2.00"),
]
SUMMARY = (
    "Shared language and a common analysis of institutional and structural racism; the city's racial equity "
    "commitments and how each department applies them."
)
LOCATIONS = [
    "City Hall, Council Chambers", "City Hall, Community Room", "Public Works, Training Room B", "Microsoft Teams",
    "Police Station, Community Room", "Recreation Center, Room 2",
]  # fmt: skip
STATUSES = ["attended", "partial", "no_show", "excused"]
STATUS_WEIGHTS = [85, 6, 6, 3]
PAST_DAYS = 3 * 365
UPCOMING_DAYS = 60


def _sessions(city: ScaleCity, modules: list[Module], facilitators: list[Facilitator]) -> list[Session]:
    rng = city.rng
    today = timezone.localdate()
    total = city.count(3000, 10)
    upcoming = max(1, total // 40)
    sessions = []
    for i in range(total):
        module = modules[i % len(modules)]
        if i < total - upcoming:
            day = today - timedelta(days=PAST_DAYS - (i * PAST_DAYS) // (total - upcoming))
        else:
            day = today + timedelta(days=1 + rng.randrange(UPCOMING_DAYS))
        start = rng.choice([8, 9, 10, 13])
        location = rng.choice(LOCATIONS)
        department = rng.choice(city.departments) if rng.random() < 0.2 else None
        sessions.append(
            Session(
                module=module,
                date=day,
                start_time=time(start, 0),
                end_time=time(start + int(module.hours), 0),
                hours_credited=module.hours,
                format=Session.Format.VIRTUAL if location == "Microsoft Teams" else Session.Format.IN_PERSON,
                location=location,
                lead_facilitator=rng.choice(facilitators),
                audience=Session.Audience.DEPARTMENT if department else Session.Audience.ALL_STAFF,
                department=department,
                capacity=80,
                notes=SCALE_NOTE,
            )
        )
    return sessions


def seed(city: ScaleCity) -> str:
    """Modules, a facilitator per facilitator-role user, 3,000 sessions x factor with 32-71 attendees each."""
    modules = [
        Module(title=f"{MODULE_PREFIX}{title}", tier=tier, required_for=required, hours=Decimal(hours), summary=SUMMARY)
        for title, tier, required, hours in SCALE_MODULES
    ]
    bulk_create_with_history(modules, Module, batch_size=100)
    modules = list(Module.objects.filter(title__startswith=MODULE_PREFIX).order_by("pk"))
    people = city.facilitators or city.users[:10]
    facilitators = [Facilitator(user=u, trained_on=timezone.localdate() - timedelta(days=400)) for u in people]
    bulk_create_with_history(facilitators, Facilitator, batch_size=500)
    facilitators = list(Facilitator.objects.filter(user__username__startswith=USER_PREFIX).order_by("pk"))
    through = Facilitator.modules.through
    through.objects.bulk_create([through(facilitator_id=f.pk, module_id=m.pk) for f in facilitators for m in modules])

    bulk_create_with_history(_sessions(city, modules, facilitators), Session, batch_size=1000)
    sessions = list(Session.objects.filter(notes=SCALE_NOTE, module__in=modules).order_by("pk"))
    rng = city.rng
    today = timezone.localdate()
    by_department: dict[int | None, list] = {}
    for user in city.users:
        by_department.setdefault(city.user_department.get(user.pk), []).append(user)
    attendances, evaluations = [], []
    for session in sessions:
        if session.date > today:
            continue
        pool = by_department.get(session.department_id, []) if session.department_id else city.users
        if len(pool) < 30:
            pool = city.users
        for user in rng.sample(pool, k=min(len(pool), rng.randint(32, 71))):
            status = rng.choices(STATUSES, weights=STATUS_WEIGHTS)[0]
            attendances.append(
                Attendance(
                    session=session,
                    user=user,
                    department_id=city.user_department.get(user.pk),
                    status=status,
                    minutes=session.duration_minutes if status == "attended" else None,
                    completed=status == "attended",
                )
            )
        pre = Decimal(rng.randint(45, 70))
        post = pre + rng.randint(5, 25)
        evaluations.append(Evaluation(session=session, respondents=rng.randint(10, 30), pre_score=pre, post_score=post))
    bulk_create_with_history(attendances, Attendance, batch_size=5000)
    bulk_create_with_history(evaluations, Evaluation, batch_size=1000)
    completion_rollup_rebuild()  # the bulk insert bypassed the services that keep the roll-up
    return (
        f"{len(facilitators)} facilitators, {len(sessions)} sessions, {len(attendances)} attendance rows, "
        f"{len(evaluations)} evaluations"
    )


def _delete(qs: QuerySet) -> None:
    """DELETE the rows of `qs` in one statement, without per-row signals (and so without per-row history)."""
    sql, params = qs.values("pk").query.sql_with_params()
    table = qs.model._meta.db_table
    pk = qs.model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {pk} IN ({sql})", params)  # noqa: S608 (names from _meta)


def _m2m_history(model, field: str):
    """The history model simple-history keeps for a many-to-many field (e.g. HistoricalSession_co_facilitators)."""
    history = model.history.model
    return history._meta.get_field(f"{history._meta.model_name}_{field}").related_model


def reset() -> None:
    """Remove the scale modules' sessions (attendance, evaluations, co-facilitators), the scale users' facilitator
    records and the scale modules, and all their history rows, in bulk statements."""
    modules = Module.objects.filter(title__startswith=MODULE_PREFIX)
    sessions = Session.objects.filter(module__in=modules)
    facilitators = Facilitator.objects.filter(user__username__startswith=USER_PREFIX)
    session_ids = sessions.values("pk")
    # History first, while the live rows still say which ids were ours.
    _delete(Attendance.history.filter(session_id__in=session_ids))
    _delete(Evaluation.history.filter(session_id__in=session_ids))
    _delete(Session.co_facilitators.through.objects.filter(session_id__in=session_ids))
    _delete(_m2m_history(Session, "co_facilitators").objects.filter(history__id__in=session_ids))
    _delete(Session.history.filter(id__in=session_ids))
    _delete(_m2m_history(Facilitator, "modules").objects.filter(history__id__in=facilitators.values("pk")))
    _delete(Facilitator.history.filter(id__in=facilitators.values("pk")))
    _delete(Module.history.filter(id__in=modules.values("pk")))
    _delete(Attendance.objects.filter(session_id__in=session_ids))
    _delete(CompletionRollup.objects.filter(module__in=modules))
    _delete(Evaluation.objects.filter(session_id__in=session_ids))
    _delete(sessions)
    _delete(Facilitator.modules.through.objects.filter(facilitator_id__in=facilitators.values("pk")))
    _delete(facilitators)
    _delete(modules)
    completion_rollup_rebuild()  # what the scale people completed in other modules' sessions, if anything
