"""Access cases of self-registration and certificate verification (added to tests/training/access_cases.py)."""

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from tests.access import AccessCase, everyone
from tests.training.factories import AttendanceFactory, ModuleFactory, SessionFactory
from training.models import Registration


def _upcoming(p, **kw) -> dict:
    session = SessionFactory.create(
        module=ModuleFactory(), date=timezone.localdate() + timedelta(days=3), capacity=5, **kw
    )
    return {"pk": session.pk}


def _upcoming_dept(p) -> dict:
    return _upcoming(p, audience="department", department=p.dept)


def _staff_registered(p) -> dict:
    pk = _upcoming(p)["pk"]
    Registration.objects.create(session_id=pk, user=p.staff)
    return {"pk": pk}


def _staff_registration(p) -> dict:
    pk = _upcoming(p)["pk"]
    return {"pk": Registration.objects.create(session_id=pk, user=p.staff).pk}


def _certificate(p) -> dict:
    return {"code": AttendanceFactory.create(user=p.staff, completed=True).verification_code}


def _unknown_code(p) -> dict:
    cache.clear()  # the page's rate limit counts unknown codes per address; start this case from zero
    return {"code": "ZZZZZZZZZZZZ"}


POSTERS = everyone(302)
LOGGERS_POST = everyone(403, facilitator=302, equity=302)
PUBLIC = {**everyone(200), "anonymous": 200}

CASES = [
    AccessCase("training:session_register", POSTERS, setup=_upcoming, method="post"),
    AccessCase(
        "training:session_register",
        {**POSTERS, "other_staff": 404, "other_manager": 404},
        setup=_upcoming_dept,
        method="post",
        label="department",
    ),
    AccessCase("training:session_ics", everyone(404, staff=200), setup=_staff_registered),
    AccessCase("training:roster_from_registrations", LOGGERS_POST, setup=_staff_registered, method="post"),
    AccessCase(
        "training:registration_cancel",
        everyone(404, staff=302, facilitator=302, equity=302),
        setup=_staff_registration,
        method="post",
    ),
    AccessCase("verify:certificate_verify", PUBLIC, setup=_certificate),
    AccessCase("verify:certificate_verify", {**everyone(404), "anonymous": 404}, setup=_unknown_code, label="unknown"),
]
