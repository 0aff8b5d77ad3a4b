"""Training pages measured by the benchmark harness (bench/pages.py): label, demo user, path."""

from __future__ import annotations

from django.urls import reverse


def _latest_session() -> str:
    from training.models import Session

    session = Session.objects.filter(attendances__isnull=False).order_by("-date", "-pk").first()
    return reverse("training:session_detail", args=[session.pk]) if session else reverse("training:session_list")


def bench_pages() -> list[tuple]:
    return [
        ("training sessions", "facilitator", lambda: reverse("training:session_list")),
        ("training upcoming", "staff", lambda: reverse("training:session_calendar")),
        ("training session detail", "facilitator", _latest_session),
        ("training facilitators", "staff", lambda: reverse("training:facilitator_list")),
        ("my training", "staff", lambda: reverse("training:my_record")),
        ("training completion (manager)", "manager", lambda: reverse("training:completion_report")),
        ("training completion (equity team)", "equity", lambda: reverse("training:completion_report")),
    ]
