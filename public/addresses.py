"""Addresses of public pages and files, by kind of publication, for what links to them from outside a page: the
open data catalog (/data.json), the Atom feed and the downloads. Every address is reversed from its URL name."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from equity.i18n.documents import active_document_language
from public.models import Publication

Kind = Publication.Kind

PAGES: dict[str, str] = {
    Kind.PLAN: "public:plan",
    Kind.INDICATOR: "public:indicator",
    Kind.NARRATIVE: "public:narrative",
    Kind.PRACTICE: "public:practice",
}
VERSION_PAGES: dict[str, str] = {Kind.PLAN: "public:plan_version", Kind.INDICATOR: "public:indicator_version"}
FILES: dict[str, dict[str, str]] = {
    Kind.PLAN: {"csv": "public:plan_csv", "json": "public:plan_json", "pdf": "public:plan_pdf"},
    Kind.INDICATOR: {"csv": "public:indicator_csv", "json": "public:indicator_json"},
}
# The JSON Schema of each kind's JSON download (public/schemas/<name>.json); the major version is in the name.
SCHEMAS: dict[str, str] = {Kind.PLAN: "plan-actions-v1", Kind.INDICATOR: "indicator-values-v1"}


def page_path(kind: str, slug: str) -> str:
    """The public page of a publication."""
    return reverse(PAGES[kind], kwargs={"slug": slug})


def version_path(kind: str, slug: str, number: int) -> str:
    """The page of one snapshot; the publication's page for kinds whose earlier versions have no page."""
    if kind in VERSION_PAGES:
        return reverse(VERSION_PAGES[kind], kwargs={"slug": slug, "number": number})
    return page_path(kind, slug)


def file_path(kind: str, slug: str, fmt: str) -> str:
    """A download of a publication: `fmt` is one of FILES[kind] (csv, json, pdf)."""
    return reverse(FILES[kind][fmt], kwargs={"slug": slug})


def schema_path(kind: str) -> str:
    """The JSON Schema of a kind's JSON download."""
    return reverse("public:schema", kwargs={"name": SCHEMAS[kind]})


def home_path() -> str:
    """The city's public page."""
    return reverse("public:home")


def site_links() -> dict[str, str]:
    """The public footer's links to the data: the DCAT catalog and the Atom feed."""
    return {"data_json": reverse("public:data_json"), "feed": reverse("public:feed")}


def plan_files(slug: str, number: int | None = None) -> dict[str, str]:
    """A plan's downloads: the PDF report of the version shown (the current one when `number` is None) in the
    visitor's language, and the current actions CSV and JSON (English: open data, ADR 0061)."""
    files = {fmt: file_path(Kind.PLAN, slug, fmt) for fmt in FILES[Kind.PLAN]}
    if number is not None:
        files["pdf"] = reverse("public:plan_version_pdf", kwargs={"slug": slug, "number": number})
    files["pdf"] += "?" + urlencode({"language": active_document_language()})
    return files


def indicator_files(slug: str) -> dict[str, str]:
    """An indicator's values CSV and JSON."""
    return {fmt: file_path(Kind.INDICATOR, slug, fmt) for fmt in FILES[Kind.INDICATOR]}
