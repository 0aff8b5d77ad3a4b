"""The open data catalog (/data.json, DCAT-US 1.1, the Project Open Data metadata schema): one dataset per published
plan and indicator, from their current snapshots only, with their CSV, JSON and (plans) PDF distributions, so a
city's open data portal (Socrata, CKAN, ArcGIS Hub) can harvest them. The federal-only fields (bureauCode,
programCode) are left out: the schema's own notes say they do not apply to cities (ADR 0049)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils.translation import gettext as _

from public import addresses
from public.downloads import licence
from public.models import Publication

Kind = Publication.Kind
CONFORMS_TO = "https://project-open-data.cio.gov/v1.1/schema"
CONTEXT = "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld"
DESCRIBED_BY = "https://project-open-data.cio.gov/v1.1/schema/catalog.json"
SCHEMA_MEDIA_TYPE = "application/schema+json"
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json", "pdf": "application/pdf"}


def _keywords(*words: str) -> list[str]:
    seen: list[str] = []
    for word in words:
        if word and word.strip() and word.strip() not in seen:
            seen.append(word.strip())
    return seen


def _plan_facts(payload: dict) -> tuple[str, list[str], str | None]:
    description = payload["statement"].strip() or _(
        "The actions of %(title)s, with their status, percent complete, lead department and latest public update."
    ) % {"title": payload["title"]}
    keywords = _keywords(_("racial equity"), _("action plan"), *payload["departments"])
    start, end = payload["period_start"], payload["period_end"]
    return description, keywords, f"{start}/{end}" if start and end else None


def _indicator_facts(payload: dict) -> tuple[str, list[str], str | None]:
    description = payload["definition"].strip() or _(
        "%(name)s by racial group and year, with the gap between groups."
    ) % {"name": payload["name"]}
    groups = sorted({row["group"] for row in payload["values"]})
    keywords = _keywords(_("racial equity"), _("community indicator"), *groups)
    years = [row["year"] for row in payload["values"]]
    return description, keywords, f"{min(years)}-01-01/{max(years)}-12-31" if years else None


def _distributions(publication: Publication, absolute: Callable[[str], str]) -> list[dict]:
    kind, slug = publication.kind, publication.slug
    schema = absolute(addresses.schema_path(kind))
    found = []
    for fmt in addresses.FILES[kind]:
        distribution = {
            "@type": "dcat:Distribution",
            "title": fmt.upper(),
            "downloadURL": absolute(addresses.file_path(kind, slug, fmt)),
            "mediaType": MEDIA_TYPES[fmt],
            "format": fmt.upper(),
        }
        if fmt == "json":
            distribution |= {"conformsTo": schema, "describedBy": schema, "describedByType": SCHEMA_MEDIA_TYPE}
        found.append(distribution)
    return found


def dataset(publication: Publication, *, absolute: Callable[[str], str], catalog_url: str) -> dict:
    """One publication as a DCAT-US dataset. `absolute` makes a path an absolute URL (the request's)."""
    current = publication.current
    assert current is not None  # a published publication has one (database constraint)
    payload, kind = current.payload, publication.kind
    facts = _plan_facts(payload) if kind == Kind.PLAN else _indicator_facts(payload)
    description, keywords, temporal = facts
    schema = absolute(addresses.schema_path(kind))
    issued = getattr(publication, "issued", None)
    found = {
        "@type": "dcat:Dataset",
        "identifier": f"{catalog_url}#{kind}-{publication.pk}",
        "title": publication.title,
        "description": description,
        "keyword": keywords,
        "modified": current.published_at.isoformat(timespec="seconds"),
        "issued": issued.isoformat(timespec="seconds") if issued else None,
        "publisher": {"@type": "org:Organization", "name": settings.CITY_NAME},
        "contactPoint": {
            "@type": "vcard:Contact",
            "fn": settings.EQUITY_PUBLIC_CONTACT_NAME,
            "hasEmail": f"mailto:{settings.EQUITY_PUBLIC_CONTACT_EMAIL}",
        },
        "accessLevel": "public",
        "license": licence()["url"],
        "rights": None,
        "landingPage": absolute(addresses.page_path(kind, publication.slug)),
        "describedBy": schema,
        "describedByType": SCHEMA_MEDIA_TYPE,
        "accrualPeriodicity": "irregular",
        "language": [settings.LANGUAGE_CODE],
        "temporal": temporal,
        "theme": [_("Racial equity")],
        "distribution": _distributions(publication, absolute),
    }
    return {key: value for key, value in found.items() if value is not None}


def catalog(publications: Iterable[Publication], *, absolute: Callable[[str], str], catalog_url: str) -> dict:
    """The /data.json document for the published plans and indicators."""
    return {
        "@context": CONTEXT,
        "@id": catalog_url,
        "@type": "dcat:Catalog",
        "conformsTo": CONFORMS_TO,
        "describedBy": DESCRIBED_BY,
        "dataset": [dataset(p, absolute=absolute, catalog_url=catalog_url) for p in publications],
    }
