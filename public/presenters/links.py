"""Addresses of the public site's files and feeds, which other parts of the site serve: by URL name when it is
defined, else by its documented path (the paths are fixed by the public URL table, docs/public/README.md)."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse


def url_or_path(name: str, path: str, **kwargs: object) -> str:
    """`reverse(name, kwargs)` when the URL exists, else `path`."""
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return path


def site_links() -> dict[str, str]:
    """The footer's links to the data: the DCAT catalog and the Atom feed."""
    return {
        "data_json": url_or_path("public:data_json", "/data.json"),
        "feed": url_or_path("public:feed", "/public/feed.atom"),
    }


def plan_files(slug: str, number: int | None = None) -> dict[str, str]:
    """The plan's PDF report (of the version shown), actions CSV and JSON."""
    if number is None:
        pdf = url_or_path("public:plan_pdf", f"/public/plans/{slug}/report.pdf", slug=slug)
    else:
        pdf = url_or_path(
            "public:plan_version_pdf",
            f"/public/plans/{slug}/versions/{number}/report.pdf",
            slug=slug,
            number=number,
        )
    return {
        "pdf": pdf,
        "csv": url_or_path("public:plan_csv", f"/public/plans/{slug}/actions.csv", slug=slug),
        "json": url_or_path("public:plan_json", f"/public/plans/{slug}/actions.json", slug=slug),
    }


def indicator_files(slug: str) -> dict[str, str]:
    """The indicator's values CSV and JSON."""
    return {
        "csv": url_or_path("public:indicator_csv", f"/public/indicators/{slug}/values.csv", slug=slug),
        "json": url_or_path("public:indicator_json", f"/public/indicators/{slug}/values.json", slug=slug),
    }
