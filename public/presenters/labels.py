"""Labels stored in English in a snapshot payload (action statuses, focus areas, kinds) shown in the visitor's
language: relabelled by their code, or by their English label when the payload kept no code. English pages keep the
payload's labels (they may be the city's own wording, e.g. its status legend)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models
from django.utils import translation

from library.models import Practice
from plans.models import ActionStatus, Indicator, Outcome, Plan, Result


def _label(choices: type[models.TextChoices], code: object, fallback: object) -> object:
    try:
        return str(choices(code).label)  # type: ignore[call-overload]
    except ValueError:
        return fallback


def _by_english(choices: type[models.TextChoices], english: object) -> object:
    with translation.override("en"):
        codes = {str(label): value for value, label in choices.choices}
    code = codes.get(str(english))
    return english if code is None else str(choices(code).label)


def _rollup(rollup: Mapping) -> dict:
    rows = [row | {"label": _label(ActionStatus, row.get("status"), row.get("label"))} for row in rollup["by_status"]]
    return dict(rollup) | {"by_status": rows}


def rollup(value: Mapping, *, language: str) -> Mapping:
    """A roll-up (actions by status) with its status labels in `language`."""
    return value if language == "en" or "by_status" not in value else _rollup(value)


def _action(action: Mapping) -> dict:
    return dict(action) | {"status_label": _label(ActionStatus, action.get("status"), action.get("status_label"))}


def plan(payload: dict, *, language: str) -> dict:
    """A plan payload (already in the visitor's language) with its statuses, areas, levels and scope relabelled."""
    if language == "en":
        return payload

    def rows(items: list) -> list:
        return [_action(a) for a in items]

    results = [
        dict(result)
        | {
            "area_label": _label(Result.Area, result.get("area"), result.get("area_label")),
            "rollup": _rollup(result["rollup"]) if "rollup" in result else {},
            "outcomes": [
                dict(o)
                | {
                    "level": _by_english(Outcome.Level, o.get("level")),
                    "actions": rows(o.get("actions", [])),
                    "rollup": _rollup(o["rollup"]) if "rollup" in o else {},
                }
                for o in result.get("outcomes", [])
            ],
        }
        for result in payload.get("results", [])
    ]
    return payload | {
        "scope_label": _label(Plan.Scope, payload.get("scope"), payload.get("scope_label")),
        "status_label": _label(Plan.Status, payload.get("status"), payload.get("status_label")),
        "rollup": _rollup(payload["rollup"]) if "rollup" in payload else {},
        "results": results,
        "unlinked_actions": rows(payload.get("unlinked_actions", [])),
        "actions": rows(payload.get("actions", [])),
    }


def indicator(payload: dict, *, language: str) -> dict:
    """An indicator payload with its direction relabelled."""
    if language == "en":
        return payload
    return payload | {
        "direction_label": _label(Indicator.Direction, payload.get("direction"), payload.get("direction_label"))
    }


def practice(payload: dict, *, language: str) -> dict:
    """A practice payload with its kind, jurisdiction and status relabelled."""
    if language == "en":
        return payload
    return payload | {
        "practice_kind_label": _label(Practice.Kind, payload.get("practice_kind"), payload.get("practice_kind_label")),
        "jurisdiction": _by_english(Practice.Jurisdiction, payload.get("jurisdiction")),
        "status_label": _by_english(Practice.Status, payload.get("status_label")),
    }


def relabelled(kind: str, payload: Any, *, language: str) -> Any:
    """`payload` of `kind` with its stored labels in `language`."""
    relabel = {"plan": plan, "indicator": indicator, "practice": practice}.get(kind)
    return relabel(payload, language=language) if relabel and isinstance(payload, dict) else payload
