"""Addresses of the public pages the widgets and the embed code point to (the public site's URL table)."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from public.models import Publication

_PAGES: dict[str, str] = {Publication.Kind.PLAN: "plan", Publication.Kind.INDICATOR: "indicator"}
_PATHS: dict[str, str] = {
    Publication.Kind.PLAN: "/public/plans/{slug}/",
    Publication.Kind.INDICATOR: "/public/indicators/{slug}/",
}


def public_page_url(kind: str, slug: str | None = None) -> str:
    """The public page of a published plan or indicator, or the city's page (/public/) without a slug. The paths
    are fixed by the public site's URL table, so a widget links correctly even where the page's view is not
    installed (only the embed paths are this area's)."""
    try:
        if slug is None:
            return reverse("public:home")
        return reverse(f"public:{_PAGES[kind]}", kwargs={"slug": slug})
    except NoReverseMatch:
        return "/public/" if slug is None else _PATHS[kind].format(slug=slug)
