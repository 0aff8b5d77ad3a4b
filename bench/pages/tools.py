"""Pages of the tools app the benchmark measures (see bench/pages/__init__.py)."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse

from tools.models import Assessment


def _largest_completed() -> int:
    """The completed, non-confidential assessment with the most answers (every demo user may open it)."""
    found = (
        Assessment.objects.filter(status=Assessment.Status.COMPLETED, confidential=False)
        .annotate(n=Count("answers"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    return found or 0


def bench_pages() -> list[tuple[str, str, object]]:
    """(label, demo username, path callable) for the tools pages worth measuring."""
    return [
        ("assessment list (all, equity)", "equity", lambda: reverse("tools:assessment_list") + "?scope=all"),
        ("assessment list (staff)", "staff", lambda: reverse("tools:assessment_list") + "?scope=all"),
        ("assessment list (filtered)", "manager",
         lambda: reverse("tools:assessment_list") + "?scope=all&status=completed&decision_type=program"),
        ("assessment overview (largest)", "staff",
         lambda: reverse("tools:assessment_detail", args=[_largest_completed()])),
        ("assessment step 2 (largest)", "staff",
         lambda: reverse("tools:step_fill", args=[_largest_completed(), 2])),
        ("assessment list (searched)", "equity",
         lambda: reverse("tools:assessment_list") + "?scope=all&q=housing+policy"),
        ("completed per department", "staff", lambda: reverse("tools:completed_counts")),
        ("dashboard: my worksheets + review queue", "manager", lambda: reverse("dashboard")),
    ]  # fmt: skip
