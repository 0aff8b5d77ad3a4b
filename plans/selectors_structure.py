"""Reads of a plan's structure: the scales as the settings page lists them."""

from __future__ import annotations

from dataclasses import dataclass

from plans.models import ScaleLevel


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
