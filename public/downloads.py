"""The open data files of a published plan or indicator (CSV and JSON), made from its current snapshot's payload
only, so small numbers are already suppressed and accountable persons' names are there only when the equity team
chose to show them. Column lists and JSON shapes are a public contract: docs/public/open-data.md gives their schema
version and the rule for changing them (ADR 0049)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.conf import settings

from public.models import Snapshot

SCHEMA_VERSION = "1.0"  # major.minor: docs/public/open-data.md#versions

PLAN_COLUMNS = (
    "action_code",
    "action_title",
    "description",
    "result_codes",
    "outcome_codes",
    "status",
    "status_label",
    "percent_complete",
    "lead_department",
    "co_lead_departments",
    "accountable",
    "timeline",
    "start_date",
    "due_date",
    "completed_on",
    "measure_of_success",
    "latest_update_as_of",
    "latest_update_summary",
)
INDICATOR_COLUMNS = (
    "indicator",
    "unit",
    "year",
    "group",
    "is_total",
    "value",
    "margin_of_error",
    "suppressed",
    "note",
    "reference_group",
    "is_reference",
    "gap",
    "ratio",
    "significant",
)
LIST_SEPARATOR = "; "  # between the codes or departments of one CSV cell


def licence() -> dict:
    """The licence every file states (settings EQUITY_PUBLIC_LICENCE_NAME and _URL)."""
    return {"name": settings.EQUITY_PUBLIC_LICENCE_NAME, "url": settings.EQUITY_PUBLIC_LICENCE_URL}


def _header(snapshot: Snapshot, *, schema_url: str, page_url: str) -> dict:
    return {
        "schema": schema_url,
        "schema_version": SCHEMA_VERSION,
        "licence": licence(),
        "publisher": settings.CITY_NAME,
        "title": snapshot.publication.title,
        "page": page_url,
        "version": snapshot.number,
        "published_at": snapshot.published_at.isoformat(timespec="seconds"),
    }


def _canonical(action: dict) -> str:
    return json.dumps(action, sort_keys=True)


def _action_links(payload: dict) -> dict[str, tuple[list[str], list[str]]]:
    """The result and outcome codes each action serves, keyed by the action's content (codes may be blank)."""
    links: dict[str, tuple[list[str], list[str]]] = {}
    for result in payload["results"]:
        for outcome in result["outcomes"]:
            for action in outcome["actions"]:
                results, outcomes = links.setdefault(_canonical(action), ([], []))
                if result["code"] and result["code"] not in results:
                    results.append(result["code"])
                if outcome["code"] and outcome["code"] not in outcomes:
                    outcomes.append(outcome["code"])
    return links


def plan_document(snapshot: Snapshot, *, schema_url: str, page_url: str) -> dict:
    """The JSON download of a plan: one entry per action (schema public/schemas/plan-actions-v1.json)."""
    payload = snapshot.payload
    links = _action_links(payload)
    actions = []
    for action in payload["actions"]:
        results, outcomes = links.get(_canonical(action), ([], []))
        actions.append(
            {
                "code": action["code"],
                "title": action["title"],
                "description": action["description"],
                "result_codes": results,
                "outcome_codes": outcomes,
                "status": action["status"],
                "status_label": action["status_label"],
                "percent_complete": action["percent_complete"],
                "lead_department": action["lead_department"],
                "co_lead_departments": action["co_lead_departments"],
                "accountable": action["accountable"],
                "timeline": action["timeline"],
                "start_date": action["start_date"],
                "due_date": action["due_date"],
                "completed_on": action["completed_on"],
                "measure_of_success": action["measure_of_success"],
                "latest_update": action["latest_update"],
            }
        )
    plan = {
        key: payload[key]
        for key in ("scope_label", "status", "status_label", "period_start", "period_end", "adopted_on", "departments")
    }
    return {**_header(snapshot, schema_url=schema_url, page_url=page_url), "plan": plan, "actions": actions}


def plan_rows(document: dict) -> Iterator[list[object]]:
    """The CSV rows of a plan's JSON download, in PLAN_COLUMNS order."""
    for action in document["actions"]:
        update = action["latest_update"] or {}
        yield [
            action["code"],
            action["title"],
            action["description"],
            LIST_SEPARATOR.join(action["result_codes"]),
            LIST_SEPARATOR.join(action["outcome_codes"]),
            action["status"],
            action["status_label"],
            action["percent_complete"],
            action["lead_department"],
            LIST_SEPARATOR.join(action["co_lead_departments"]),
            action["accountable"],
            action["timeline"],
            action["start_date"],
            action["due_date"],
            action["completed_on"],
            action["measure_of_success"],
            update.get("as_of"),
            update.get("summary"),
        ]


INDICATOR_FIELDS = (
    "name",
    "definition",
    "unit",
    "data_source",
    "direction",
    "direction_label",
    "decimal_places",
    "values_are_counts",
    "notes",
    "story",
    "baseline",
    "target",
    "suppress_below",
)
VALUE_FIELDS = ("year", "group", "is_total", "value", "margin_of_error", "suppressed", "note")


def indicator_document(snapshot: Snapshot, *, schema_url: str, page_url: str) -> dict:
    """The JSON download of an indicator: values by group and year, and the gaps (schema indicator-values-v1)."""
    payload = snapshot.payload
    gaps = payload["gaps"]
    return {
        **_header(snapshot, schema_url=schema_url, page_url=page_url),
        "indicator": {key: payload[key] for key in INDICATOR_FIELDS},
        "values": [{key: row[key] for key in VALUE_FIELDS} for row in payload["values"]],
        "gaps": {key: gaps[key] for key in ("years", "skipped", "trends", "largest_gap_trend")},
    }


def _flag(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def indicator_rows(document: dict) -> Iterator[list[object]]:
    """The CSV rows of an indicator's JSON download, in INDICATOR_COLUMNS order: one per value, with its gap to the
    year's reference group (empty when the value is suppressed or the year has no gap)."""
    years = document["gaps"]["years"]
    gaps = {(year["year"], row["group"]): (year["reference"], row) for year in years for row in year["groups"]}
    name, unit = document["indicator"]["name"], document["indicator"]["unit"]
    for value in document["values"]:
        reference, gap = gaps.get((value["year"], value["group"]), (None, {}))
        yield [
            name,
            unit,
            value["year"],
            value["group"],
            _flag(value["is_total"]),
            value["value"],
            value["margin_of_error"],
            _flag(value["suppressed"]),
            value["note"],
            reference,
            _flag(gap.get("is_reference")),
            gap.get("gap"),
            gap.get("ratio"),
            _flag(gap.get("significant")),
        ]
