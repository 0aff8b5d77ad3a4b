"""Snapshots of the city's racial equity narrative (its published version: title and sections, bodies already
sanitised when saved) and of an example practice (its public description; never review notes, who suggested it,
or links to Racial Equity Tool worksheets)."""

from __future__ import annotations

from library.models import NarrativeVersion, Practice
from public.snapshots import SCHEMA_VERSION


def narrative_payload(*, version: NarrativeVersion) -> dict:
    """The narrative version the equity team published in the library, as the public site shows it."""
    return {
        "schema": SCHEMA_VERSION,
        "kind": "narrative",
        "title": version.title,
        "version": version.number,
        "published_at": version.published_at.isoformat() if version.published_at else None,
        "sections": [{"heading": s.heading, "body_html": s.body} for s in version.sections.all()],
    }


def practice_payload(*, practice: Practice) -> dict:
    """An example practice's public description."""
    return {
        "schema": SCHEMA_VERSION,
        "kind": "practice",
        "uid": str(practice.uid),
        "title": practice.title,
        "summary": practice.summary,
        "practice_kind": practice.kind,
        "practice_kind_label": str(practice.get_kind_display()),
        "jurisdiction": str(practice.get_jurisdiction_display()),
        "jurisdiction_name": practice.jurisdiction_name,
        "status_label": str(practice.get_status_display()),
        "equity_areas": [area.name for area in practice.equity_areas.all()],
        "departments": [d.name for d in practice.departments.all()],
        "source_url": practice.source_url,
        "evidence": practice.evidence,
        "tags": [tag.strip() for tag in practice.tags.split(",") if tag.strip()],
    }
