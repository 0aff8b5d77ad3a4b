"""City-scale training data for measurements (`manage.py seed_scale`): facilitators, three years of sessions and
their attendance across the scale city's staff. `reset()` removes exactly what `seed()` made."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from equity.scale import USER_PREFIX, ScaleCity
from training.models import Attendance, Facilitator, Module, Session

SCALE_NOTE = "scale."
MODULE_PREFIX = "Scale: "
SCALE_MODULES = [
    ("Foundations of Racial Equity", Module.Tier.FOUNDATIONAL, Module.RequiredFor.ALL_STAFF, "6.00"),
    ("Leading for Racial Equity", Module.Tier.LEADERSHIP, Module.RequiredFor.MANAGERS, "4.00"),
    ("Using the Racial Equity Tool", Module.Tier.TOOL, Module.RequiredFor.NONE, "3.00"),
]


def seed(city: ScaleCity) -> str:
    """Modules, a facilitator per facilitator-role user, sessions every few days and 10-30 attendees each."""
    modules = [
        Module(title=f"{MODULE_PREFIX}{title}", tier=tier, required_for=required, hours=Decimal(hours))
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

    rng = city.rng
    today = timezone.localdate()
    sessions = []
    for i in range(city.count(600, 10)):
        module = modules[i % len(modules)]
        sessions.append(
            Session(
                module=module,
                date=today - timedelta(days=1 + (i * 1095) // city.count(600, 10)),
                start_time=time(9, 0),
                end_time=time(9 + int(module.hours), 0),
                hours_credited=module.hours,
                lead_facilitator=rng.choice(facilitators),
                capacity=40,
                notes=SCALE_NOTE,
            )
        )
    bulk_create_with_history(sessions, Session, batch_size=500)
    sessions = list(Session.objects.filter(notes=SCALE_NOTE).order_by("pk"))
    attendances = []
    for session in sessions:
        for user in rng.sample(city.users, k=min(len(city.users), rng.randint(10, 30))):
            status = rng.choices(["attended", "partial", "no_show", "excused"], weights=[85, 6, 6, 3])[0]
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
    bulk_create_with_history(attendances, Attendance, batch_size=2000)
    return f"{len(facilitators)} facilitators, {len(sessions)} sessions, {len(attendances)} attendance rows"


def reset() -> None:
    """Remove the scale sessions (with their attendance), facilitators and modules, then their history rows (the m2m
    history rows go with them; deleting records writes "deleted" history rows, so history goes last)."""
    session_ids = list(Session.objects.filter(notes=SCALE_NOTE).values_list("pk", flat=True))
    Attendance.objects.filter(session_id__in=session_ids).delete()
    Session.objects.filter(pk__in=session_ids).delete()
    facilitator_ids = list(
        Facilitator.objects.filter(user__username__startswith=USER_PREFIX).values_list("pk", flat=True)
    )
    Facilitator.objects.filter(pk__in=facilitator_ids).delete()
    Module.objects.filter(title__startswith=MODULE_PREFIX).delete()
    Attendance.history.filter(session_id__in=session_ids).delete()
    Session.history.filter(id__in=session_ids).delete()
    Facilitator.history.filter(id__in=facilitator_ids).delete()
    Module.history.filter(title__startswith=MODULE_PREFIX).delete()
