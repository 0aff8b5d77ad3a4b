"""Reads of a plan's structure: the scales as the settings page lists them, and the levels' labels an action page
shows."""

from __future__ import annotations

from dataclasses import dataclass

from equity.cached_reads import cached_read
from plans.models import Action, ScaleLevel


@dataclass(frozen=True)
class Scale:
    kind: str
    label: str
    levels: list[ScaleLevel]


def scales_for_settings() -> list[Scale]:
    """Every scale (priority, effort, impact) with its levels in order; one query."""
    by_kind: dict[str, list[ScaleLevel]] = {kind: [] for kind in ScaleLevel.Kind.values}
    for level in ScaleLevel.objects.order_by("kind", "order", "pk"):
        by_kind.setdefault(level.kind, []).append(level)
    return [Scale(kind=k, label=str(ScaleLevel.Kind(k).label), levels=by_kind[k]) for k in ScaleLevel.Kind.values]


@cached_read("plans.scale_labels")
def scale_level_labels() -> dict[int, str]:
    """Every scale level's label by its id (one query, or the shared cache: equity.cached_reads)."""
    return dict(ScaleLevel.objects.values_list("pk", "label"))


def action_scale_labels(action: Action) -> dict[str, str | None]:
    """The labels of an action's priority, effort and impact (None where it has none), from `scale_level_labels`
    rather than three joins of the scale table in the action's query: at city scale those joins cost the database
    2-3 ms of planning on every action page, 4-5 times the query's own execution (ADR 0076)."""
    labels = scale_level_labels()
    return {kind: labels.get(getattr(action, f"{kind}_id")) for kind in ("priority", "effort", "impact")}
