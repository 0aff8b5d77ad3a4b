"""The public addresses of a publication and of its snapshots, as the staff pages link to them (docs/public/README.md
lists the URL scheme). Plain paths: the pages exist once the public site serves them."""

from __future__ import annotations

from public.models import Publication

Kind = Publication.Kind

_BASE = {
    Kind.PLAN: "/public/plans/{slug}/",
    Kind.INDICATOR: "/public/indicators/{slug}/",
    Kind.NARRATIVE: "/public/narrative/{slug}/",
    Kind.PRACTICE: "/public/practices/{slug}/",
}
_VERSIONED = {Kind.PLAN, Kind.INDICATOR}


def public_path(*, kind: str, slug: str) -> str:
    """Where the public reads the current snapshot of a publication."""
    return _BASE[Kind(kind)].format(slug=slug)


def version_path(*, kind: str, slug: str, number: int) -> str | None:
    """Where the public reads one earlier snapshot (plans and indicators keep theirs reachable), else None."""
    if kind not in _VERSIONED:
        return None
    return f"{public_path(kind=kind, slug=slug)}versions/{number}/"
