"""The public plan page from a plan snapshot's payload: filters by status, lead department and focus area (values
checked against the payload; an unknown one is ignored with a message), and the tree results → outcomes →
actions cut into pages of actions so a plan of thousands of actions stays usable."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.utils.translation import gettext as _

ACTIONS_PER_PAGE = 50
FILTER_PARAMS = ("status", "department", "area", "page")
TONES = {"success", "warning", "danger", "secondary", "info", "primary", "dark", "light"}


@dataclass(frozen=True)
class Filter:
    """One filter of the plan page: its parameter, label, choices (value, label) and the value in force ("")."""

    name: str
    label: str
    choices: list[tuple[str, str]]
    value: str = ""


@dataclass
class OutcomeGroup:
    outcome: dict | None
    actions: list[dict] = field(default_factory=list)


@dataclass
class ResultGroup:
    result: dict | None
    outcomes: list[OutcomeGroup] = field(default_factory=list)


@dataclass(frozen=True)
class PlanView:
    """What the plan template shows: filters, messages about ignored values, the page of the tree and counts."""

    filters: list[Filter]
    messages: list[str]
    groups: list[ResultGroup]
    page: Page
    matching: int
    total: int

    @property
    def filtered(self) -> bool:
        return any(f.value for f in self.filters)

    @property
    def query_without_page(self) -> str:
        """The filters in force as a query string, for the pages' links."""
        return urlencode([(f.name, f.value) for f in self.filters if f.value])


def tone(action: Mapping) -> str:
    """The action's badge tone, one of Bootstrap's (anything else in a payload becomes "secondary")."""
    value = str(action.get("status_tone") or "")
    return value if value in TONES else "secondary"


def _choices(payload: Mapping) -> list[Filter]:
    statuses: dict[str, str] = {}
    departments: set[str] = set()
    for action in payload.get("actions", []):
        statuses.setdefault(action["status"], action["status_label"])
        departments.add(action["lead_department"])
    order = [row["status"] for row in payload.get("rollup", {}).get("by_status", [])]
    ranked = sorted(statuses.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))
    areas: dict[str, str] = {}
    for result in payload.get("results", []):
        if result.get("area"):
            areas.setdefault(result["area"], result.get("area_label") or result["area"])
    return [
        Filter("status", _("Status"), ranked),
        Filter("department", _("Lead department"), [(d, d) for d in sorted(departments)]),
        Filter("area", _("Focus area"), sorted(areas.items(), key=lambda item: item[1])),
    ]


def _checked(filters: list[Filter], query: Mapping[str, str]) -> tuple[list[Filter], list[str]]:
    checked, messages = [], []
    for f in filters:
        value = (query.get(f.name) or "").strip()
        if value and value not in {v for v, _label in f.choices}:
            messages.append(_("The %(filter)s chosen is not one of this plan's: it was ignored.") % {"filter": f.label})
            value = ""
        checked.append(Filter(f.name, f.label, f.choices, value))
    return checked, messages


def _entries(payload: Mapping, values: dict[str, str]) -> list[tuple[int, int, dict]]:
    """(result index, outcome index, action) for every action shown; -1 for actions linked to no outcome."""

    def keep(action: Mapping) -> bool:
        return (not values["status"] or action["status"] == values["status"]) and (
            not values["department"] or action["lead_department"] == values["department"]
        )

    entries: list[tuple[int, int, dict]] = []
    for r, result in enumerate(payload.get("results", [])):
        if values["area"] and result.get("area") != values["area"]:
            continue
        for o, outcome in enumerate(result.get("outcomes", [])):
            entries += [(r, o, action) for action in outcome.get("actions", []) if keep(action)]
    if not values["area"]:
        entries += [(-1, -1, action) for action in payload.get("unlinked_actions", []) if keep(action)]
    return entries


def _grouped(payload: Mapping, entries: list[tuple[int, int, dict]]) -> list[ResultGroup]:
    results = payload.get("results", [])
    groups: list[ResultGroup] = []
    for r, o, action in entries:
        if not groups or groups[-1].result is not (results[r] if r >= 0 else None):
            groups.append(ResultGroup(results[r] if r >= 0 else None))
        outcome = results[r]["outcomes"][o] if r >= 0 else None
        outcomes = groups[-1].outcomes
        if not outcomes or outcomes[-1].outcome is not outcome:
            outcomes.append(OutcomeGroup(outcome))
        outcomes[-1].actions.append(action | {"tone": tone(action)})
    return groups


def plan_view(payload: Mapping, query: Mapping[str, str]) -> PlanView:
    """The plan page for `query` (status, department, area, page), from the payload only."""
    filters, messages = _checked(_choices(payload), query)
    values = {f.name: f.value for f in filters}
    entries = _entries(payload, values)
    page = Paginator(entries, ACTIONS_PER_PAGE).get_page(query.get("page"))
    matching = len({(action["code"], action["title"]) for _r, _o, action in entries})
    total = len(payload.get("actions", []))
    return PlanView(filters, messages, _grouped(payload, list(page.object_list)), page, matching, total)
