"""Training pages measured by the benchmark harness (bench/pages/__init__.py): label, demo user, path.

Detail pages pick the largest object on the current database (the session with the longest roster, the module
with most sessions, the person with most attendance rows) so the scale run measures the worst case.
"""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse


def _largest_session() -> str:
    from training.models import Session

    session = Session.objects.annotate(n=Count("attendances")).order_by("-n", "-date", "-pk").first()
    return reverse("training:session_detail", args=[session.pk]) if session else reverse("training:session_list")


def _largest_module() -> str:
    from training.models import Module

    module = Module.objects.filter(is_active=True).annotate(n=Count("sessions")).order_by("-n", "pk").first()
    return reverse("training:module_detail", args=[module.pk]) if module else reverse("training:module_list")


def _busiest_person() -> str:
    from equity.models import User

    person = User.objects.annotate(n=Count("training_attendances")).order_by("-n", "pk").first()
    return reverse("training:person_record", args=[person.pk if person else 0])


def bench_pages() -> list[tuple]:
    return [
        ("training sessions", "facilitator", lambda: reverse("training:session_list")),
        ("training sessions (staff)", "staff", lambda: reverse("training:session_list")),
        ("training upcoming", "staff", lambda: reverse("training:session_calendar")),
        ("training session detail", "facilitator", _largest_session),
        ("training session history", "equity", lambda: _largest_session() + "history/"),
        ("training modules", "staff", lambda: reverse("training:module_list")),
        ("training module detail", "staff", _largest_module),
        ("training facilitators", "staff", lambda: reverse("training:facilitator_list")),
        ("my training", "staff", lambda: reverse("training:my_record")),
        ("training person record", "equity", _busiest_person),
        ("training completion (manager)", "manager", lambda: reverse("training:completion_report")),
        ("training completion (equity team)", "equity", lambda: reverse("training:completion_report")),
        ("training requirements", "equity", lambda: reverse("training:requirement_list")),
        ("training approval requests", "equity", lambda: reverse("training:certification_request_list")),
    ]
