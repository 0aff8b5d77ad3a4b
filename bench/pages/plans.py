"""Pages of the plans app the benchmark measures (see bench/pages/__init__.py); each picks the largest record."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse

from equity.models import Department
from plans.models import Action, Indicator, Plan


def _largest(model, relation: str, **filters) -> int:
    """The pk of the record with the most `relation` rows (0 when there is none, which gives a 404)."""
    rows = model.objects.filter(**filters).annotate(n=Count(relation, distinct=True)).order_by("-n", "pk")
    return rows.values_list("pk", flat=True).first() or 0


def _busiest_action() -> int:
    """The action with the most updates among those with measure data (so every section of the page has rows)."""
    return _largest(Action, "updates", measures__data_points__isnull=False) or _largest(Action, "updates")


def _busiest_department() -> int:
    return (
        Department.objects.annotate(n=Count("lead_actions")).order_by("-n", "pk").values_list("pk", flat=True).first()
        or 0
    )


def bench_pages() -> list[tuple[str, str, object]]:
    """(label, demo username, path callable) for the plans pages worth measuring."""
    return [
        ("plan list", "staff", lambda: reverse("plans:plan_list")),
        ("plan list search", "equity", lambda: reverse("plans:plan_list") + "?q=housing&status=active&year=2026"),
        ("plan detail (most actions)", "equity",
         lambda: reverse("plans:plan_detail", args=[_largest(Plan, "actions")])),
        ("plan actions (most actions)", "equity",
         lambda: reverse("plans:plan_actions", args=[_largest(Plan, "actions")])),
        ("plan actions filtered", "equity",
         lambda: reverse("plans:plan_actions", args=[_largest(Plan, "actions")]) + "?status=on_track&q=a&sort=-due"),
        ("indicator page", "equity",
         lambda: reverse("plans:indicator_detail", args=[_largest(Indicator, "data_points")])),
        ("action detail (most updates)", "equity",
         lambda: reverse("plans:action_detail", args=[_busiest_action()])),
        ("action history", "equity", lambda: reverse("plans:action_history", args=[_busiest_action()])),
        ("my actions", "manager", lambda: reverse("plans:my_actions")),
        ("department at-risk view", "equity",
         lambda: reverse("plans:department_tracking") + f"?department={_busiest_department()}"),
        ("plan actions CSV", "equity", lambda: reverse("plans:plan_export", args=[_largest(Plan, "actions"), "csv"])),
    ]  # fmt: skip
