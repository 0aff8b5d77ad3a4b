"""Library pages measured by the benchmark harness (bench/pages/__init__.py): label, demo user, path."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse


def _city_narrative() -> str:
    from library.models import Narrative

    narrative = Narrative.objects.filter(department__isnull=True).first()
    return reverse("library:narrative_detail", args=[narrative.pk]) if narrative else reverse("library:narrative_list")


def _largest_narrative() -> str:
    from library.models import Narrative

    narrative = Narrative.objects.annotate(n=Count("versions")).order_by("-n", "pk").first()
    return reverse("library:narrative_detail", args=[narrative.pk]) if narrative else reverse("library:narrative_list")


def _busiest_practice() -> str:
    from library.models import Practice

    practice = (
        Practice.objects.filter(review_state=Practice.Review.PUBLISHED)
        .annotate(n=Count("departments", distinct=True) + Count("equity_areas", distinct=True))
        .order_by("-n", "pk")
        .first()
    )
    return reverse("library:practice_detail", args=[practice.pk]) if practice else reverse("library:practice_list")


def _search() -> str:
    """A rare term: few practices match, both in the demo data and at scale; the filtered variant adds a kind and an
    equity area."""
    return reverse("library:practice_list") + "?q=fair+chance+hiring"


def _search_common() -> str:
    """A common word, matching many practices at scale (the planner then weighs the search index against the
    review-state index: both must stay fast, ADR 0066)."""
    return reverse("library:practice_list") + "?q=housing"


def _search_filtered() -> str:
    return reverse("library:practice_list") + "?q=housing&kind=policy&area=housing"


def bench_pages() -> list[tuple]:
    return [
        ("practice search (rare term)", "staff", _search),
        ("practice search (common word)", "staff", _search_common),
        ("practice search with filters", "staff", _search_filtered),
        ("practice list", "staff", lambda: reverse("library:practice_list")),
        ("practice list (equity team)", "equity", lambda: reverse("library:practice_list")),
        ("practice detail", "staff", _busiest_practice),
        ("narrative (city)", "staff", _city_narrative),
        ("narrative (most versions)", "equity", _largest_narrative),
    ]
