"""Pages of the plans app the benchmark measures (see bench/pages.py)."""

from __future__ import annotations

from django.urls import reverse

from plans.models import Action, Indicator, Plan


def _first(model, **filters) -> int:
    return model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True).first() or 0


def bench_pages() -> list[tuple[str, str, object]]:
    """(label, demo username, path callable) for the plans pages worth measuring."""
    return [
        ("plan list", "staff", lambda: reverse("plans:plan_list")),
        ("plan detail (citywide)", "staff",
         lambda: reverse("plans:plan_detail", args=[_first(Plan, scope=Plan.Scope.CITYWIDE)])),
        ("indicator detail", "staff", lambda: reverse("plans:indicator_detail", args=[_first(Indicator)])),
        ("action detail", "manager", lambda: reverse("plans:action_detail", args=[_first(Action)])),
        ("my actions", "manager", lambda: reverse("plans:my_actions")),
        ("department tracking", "manager", lambda: reverse("plans:department_tracking")),
    ]  # fmt: skip
