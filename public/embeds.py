"""What the embeddable widgets and the status badge show, made from published snapshot payloads only (never a live
record): a plan's roll-up by status, an indicator's latest values by group and gaps, the city's overview."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from public.suppression import suppressed_text

COMPLETED = "completed"


def number(text: str | None, places: int | None = None) -> str:
    """A payload decimal (a string) rounded to the indicator's places for display; "" for none."""
    if text is None:
        return ""
    try:
        value = Decimal(text)
    except InvalidOperation:
        return text
    if places is not None and places >= 0:
        value = value.quantize(Decimal(1).scaleb(-places))
    return format(value, "f")


def plan_card(payload: dict) -> dict:
    """A plan's widget: title, period, statuses with their counts (zero counts left out) and the share complete."""
    rollup = payload["rollup"]
    statuses = [row for row in rollup["by_status"] if row["count"]]
    completed = next((row["count"] for row in rollup["by_status"] if row["status"] == COMPLETED), 0)
    return {
        "title": payload["title"],
        "period_start": payload.get("period_start"),
        "period_end": payload.get("period_end"),
        "total": rollup["total"],
        "completed": completed,
        "statuses": statuses,
        "average_percent": rollup.get("average_percent"),
    }


def _latest_year(payload: dict) -> int | None:
    years = [row["year"] for row in payload["values"]]
    return max(years) if years else None


def indicator_card(payload: dict) -> dict:
    """An indicator's widget: the latest year's value per group (suppressed ones said in words) and its gaps."""
    places = payload.get("decimal_places")
    year = _latest_year(payload)
    values = [
        {
            "group": row["group"],
            "is_total": row["is_total"],
            "value": suppressed_text() if row["suppressed"] else number(row["value"], places),
            "suppressed": row["suppressed"],
        }
        for row in payload["values"]
        if row["year"] == year
    ]
    gap_years = payload["gaps"]["years"]
    latest = max(gap_years, key=lambda entry: entry["year"]) if gap_years else None
    gaps = []
    if latest is not None:
        gaps = [
            {"group": row["group"], "gap": number(row["gap"], places), "significant": row["significant"]}
            for row in latest["groups"]
            if not row["is_reference"]
        ]
    return {
        "title": payload["name"],
        "unit": payload.get("unit", ""),
        "year": year,
        "values": values,
        "gap_year": latest["year"] if latest else None,
        "reference": latest["reference"] if latest else "",
        "gaps": gaps,
    }


@dataclass(frozen=True)
class Badge:
    """The SVG status badge of a plan: a label and a message, sized for their text."""

    label: str
    message: str

    @property
    def text(self) -> str:
        return f"{self.label}: {self.message}"

    def svg(self) -> str:
        left = 12 + 7 * len(self.label)
        right = 12 + 7 * len(self.message)
        width = left + right
        label, message, text = escape(self.label), escape(self.message), escape(self.text, {'"': "&quot;"})
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="22" viewBox="0 0 {width} 22" '
            f'role="img" aria-label="{text}"><title>{escape(self.text)}</title>'
            f'<rect width="{left}" height="22" fill="#333333"/>'
            f'<rect x="{left}" width="{right}" height="22" fill="#0b5a36"/>'
            '<g fill="#ffffff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="12">'
            f'<text x="6" y="15">{label}</text><text x="{left + 6}" y="15">{message}</text></g></svg>'
        )


def plan_badge(payload: dict) -> Badge:
    """ "Racial equity plan | 12 of 40 actions complete"."""
    card = plan_card(payload)
    return Badge(
        label=_("Racial equity plan"),
        message=_("%(done)s of %(total)s actions complete") % {"done": card["completed"], "total": card["total"]},
    )
