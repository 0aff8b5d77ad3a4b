"""Pages of the public site the benchmark measures, requested anonymously (username ""), after `bench_publish`
published the citywide plan and an indicator. Paths are written out (not reversed) so the benchmark runs whichever
public pages exist: a missing one shows as a non-200 page."""

from __future__ import annotations

from public.selectors import published

PUBLIC_PLAN = "public plan page (anonymous)"
ANONYMOUS = ""


def _slug(kind: str) -> str:
    return published(kind=kind).order_by("pk").values_list("slug", flat=True).first() or "none-published"


def bench_pages() -> list[tuple[str, str, object]]:
    """(label, "" for anonymous, path callable) for the public pages."""
    return [
        (PUBLIC_PLAN, ANONYMOUS, lambda: f"/public/plans/{_slug('plan')}/"),
        ("public indicator page (anonymous)", ANONYMOUS, lambda: f"/public/indicators/{_slug('indicator')}/"),
        ("public home (anonymous)", ANONYMOUS, lambda: "/public/"),
        ("data.json (anonymous)", ANONYMOUS, lambda: "/data.json"),
    ]
