"""How each kind of cell in the plan spreadsheet is read and written: codecs that parse text (with a message a
person can act on) and format a value back, and the look-ups a file's cells may name, loaded once per file."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext as _

from equity.models import Department, User
from plans.codes import CodeError, clean_code
from plans.models import Action, ActionLink, ActionStatus, ScaleLevel, StatusLegendEntry
from plans.models.links import LINK_LABEL_MAX_LENGTH, LINK_URL_MAX_LENGTH, LINKS_PER_ACTION
from plans.timelines import TimelineError, parse_timeline

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class _Keep:
    """The value of an empty cell that leaves the field as it is."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()


class CellError(ValueError):
    """A cell that cannot be read; the message says what is wrong and what would be right."""


def normalise(text: str) -> str:
    """Case, spacing and punctuation folded, for matching headers and names: "Lead  Dept." → "lead dept"."""
    return " ".join(re.sub(r"[^\w%]+", " ", text.casefold()).split())


@dataclass
class Lookups:
    """Everything a cell may name, loaded once per file (bulk look-ups, not one query per row)."""

    departments: dict[str, Department] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    scales: dict[str, list[ScaleLevel]] = field(default_factory=dict)  # kind -> levels in order
    status_labels: dict[str, str] = field(default_factory=dict)  # the legend's own labels, by status

    @classmethod
    def load(cls) -> Lookups:
        departments: dict[str, Department] = {}
        for d in Department.objects.all():
            departments[normalise(d.name)] = d
            if d.code:
                departments.setdefault(normalise(d.code), d)
        users = {u.email.casefold(): u for u in User.objects.filter(is_active=True).exclude(email="")}
        scales: dict[str, list[ScaleLevel]] = {}
        for level in ScaleLevel.objects.order_by("kind", "order", "pk"):
            scales.setdefault(level.kind, []).append(level)
        labels = dict(StatusLegendEntry.objects.exclude(label="").values_list("status", "label"))
        return cls(departments=departments, users=users, scales=scales, status_labels=labels)


# Codecs: parse(text, lookups) -> value (raises CellError) and format(value) -> text. Empty cells are handled by
# the column (blank value or "not given") before the codec sees them.
Parse = Callable[[str, Lookups], Any]
Format = Callable[[Any], str]


def text_codec(max_length: int | None) -> tuple[Parse, Format]:
    def parse(text: str, lookups: Lookups) -> str:
        if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
            text = text[1:]  # the apostrophe a CSV export puts before text a spreadsheet would run as a formula
        if max_length is not None and len(text) > max_length:
            raise CellError(_("At most %(n)d characters (this has %(m)d).") % {"n": max_length, "m": len(text)})
        return text

    return parse, lambda value: value or ""


def choice_codec(choices: type[models.TextChoices]) -> tuple[Parse, Format]:
    """A choice by its label ("On track") or its stored value ("on_track"), in any case."""

    def parse(text: str, lookups: Lookups) -> str:
        key = normalise(text)
        for value, label in choices.choices:
            if key in (normalise(str(value)), normalise(str(label))):
                return str(value)
        allowed = ", ".join(str(label) for _value, label in choices.choices)
        raise CellError(_("“%(v)s” is not one of: %(allowed)s.") % {"v": text, "allowed": allowed})

    labels = dict(choices.choices)  # lazy labels, translated when written; `choices.values` is rebuilt per call

    def format_(value: Any) -> str:
        label = labels.get(value)
        return str(label) if label is not None else str(value or "")

    format_.same_for_same_value = True  # type: ignore[attr-defined]  # exports format each value once (plans.exports)
    return parse, format_


def scale_codec(kind: str) -> tuple[Parse, Format]:
    """A level of a configurable scale (priority, effort, impact) by its label, in any case."""

    def parse(text: str, lookups: Lookups) -> ScaleLevel:
        levels = lookups.scales.get(kind, [])
        for level in levels:
            if normalise(level.label) == normalise(text):
                return level
        allowed = ", ".join(level.label for level in levels) or _("(no levels set up)")
        raise CellError(_("“%(v)s” is not a level of this scale: %(allowed)s.") % {"v": text, "allowed": allowed})

    return parse, lambda value: value.label if value else ""


def parse_status(text: str, lookups: Lookups) -> str:
    """A status by the legend's label, its built-in name ("In progress", "Cancelled / withdrawn" or "Cancelled") or
    its stored value ("in_progress"), in any case."""
    key = normalise(text)
    for value, label in ActionStatus.choices:
        names = {normalise(str(value)), normalise(str(label)), normalise(lookups.status_labels.get(str(value), ""))}
        if value == ActionStatus.CANCELLED:
            names |= {normalise(str(_("Cancelled"))), normalise(str(_("Withdrawn")))}
        if key in names:
            return str(value)
    allowed = ", ".join(lookups.status_labels.get(str(v), str(label)) for v, label in ActionStatus.choices)
    raise CellError(_("“%(v)s” is not one of: %(allowed)s.") % {"v": text, "allowed": allowed})


_STATUS_LABELS = dict(ActionStatus.choices)


def format_status(value: str | None) -> str:
    label = _STATUS_LABELS.get(value)  # type: ignore[arg-type]
    return str(label) if label is not None else str(value or "")


def parse_code(text: str, lookups: Lookups) -> str:
    try:
        return clean_code(text)
    except CodeError as exc:
        raise CellError(str(exc)) from None


def parse_timeline_cell(text: str, lookups: Lookups) -> str:
    """A written timeline ("2021–22", "FY2023 Q2", "Ongoing"), kept in the parser's canonical form."""
    try:
        parsed = parse_timeline(text)
    except TimelineError as exc:
        raise CellError(str(exc)) from None
    return parsed.text if parsed else ""


def parse_departments(text: str, lookups: Lookups) -> tuple[Department, ...]:
    """Departments by name or code, separated by semicolons; in the order given, each once."""
    found: list[Department] = []
    for part in (p.strip() for p in text.split(";")):
        if part:
            department = parse_department(part, lookups)
            if department not in found:
                found.append(department)
    return tuple(found)


def format_departments(value: Iterable[Department] | None) -> str:
    return "; ".join(d.name for d in value or ())


def read_co_leads(action: models.Model) -> tuple[Department, ...]:
    """The co-lead departments by name; from `import_co_leads` when the caller loaded them for every action."""
    loaded = getattr(action, "import_co_leads", None)
    departments = loaded if loaded is not None else action.co_lead_departments.all()  # type: ignore[attr-defined]
    return tuple(sorted(departments, key=lambda d: d.name))


def load_co_leads(actions: Iterable[Action], plan_id: int) -> None:
    """Set `import_co_leads` and `import_links` on each action of the plan, in two queries whatever the number of
    actions (also when there are none)."""
    by_action: dict[int, list[Department]] = {}
    through = Action.co_lead_departments.through.objects.filter(action__plan_id=plan_id).select_related("department")
    for row in through:
        by_action.setdefault(row.action_id, []).append(row.department)
    links: dict[int, list[tuple[str, str]]] = {}
    for action_id, label, url in ActionLink.objects.filter(action__plan_id=plan_id).values_list(
        "action_id", "label", "url"
    ):
        links.setdefault(action_id, []).append((label, url))
    for action in actions:
        action.import_co_leads = by_action.get(action.pk, [])  # type: ignore[attr-defined]
        action.import_links = tuple(links.get(action.pk, []))  # type: ignore[attr-defined]


def read_links(action: models.Model) -> tuple[tuple[str, str], ...]:
    loaded = getattr(action, "import_links", None)
    if loaded is not None:
        return loaded
    return tuple(ActionLink.objects.filter(action_id=action.pk).order_by("pk").values_list("label", "url"))


_URL = URLValidator(schemes=["http", "https"])


def parse_links(text: str, lookups: Lookups) -> tuple[tuple[str, str], ...]:
    """Links written "label | https://…", separated by semicolons or new lines; each once, in the order given."""
    found: list[tuple[str, str]] = []
    for part in (p.strip() for p in re.split(r"[;\n]", text)):
        if not part:
            continue
        label, bar, url = (x.strip() for x in part.rpartition("|"))
        if not bar or not label:
            raise CellError(_("Write each link as “label | https://…”; “%(v)s” has no label.") % {"v": part})
        try:
            _URL(url)
        except ValidationError:
            raise CellError(_("“%(v)s” is not a web address starting with http:// or https://.") % {"v": url}) from None
        if len(url) > LINK_URL_MAX_LENGTH or len(label) > LINK_LABEL_MAX_LENGTH:
            message = _("A link's address has at most %(u)d characters and its label at most %(l)d.")
            raise CellError(message % {"u": LINK_URL_MAX_LENGTH, "l": LINK_LABEL_MAX_LENGTH})
        if (label, url) not in found:
            found.append((label, url))
    if len(found) > LINKS_PER_ACTION:
        raise CellError(_("An action has at most %(n)d links.") % {"n": LINKS_PER_ACTION})
    return tuple(found)


def format_links(value: Iterable[tuple[str, str]] | None) -> str:
    return "; ".join(f"{label} | {url}" for label, url in value or ())


DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%d %B %Y", "%B %d, %Y")


def parse_date(text: str, lookups: Lookups) -> date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()  # noqa: DTZ007  # a calendar date, no time zone
        except ValueError:
            continue
    if re.fullmatch(r"\d{4}-\d{2}-\d{2} 00:00:00", text):  # an Excel date read back with its midnight
        return date.fromisoformat(text[:10])
    raise CellError(_("“%(v)s” is not a date; write it as YYYY-MM-DD, e.g. 2026-06-30.") % {"v": text})


def format_date(value: date | None) -> str:
    return value.isoformat() if value else ""


def parse_money(text: str, lookups: Lookups) -> Decimal:
    cleaned = text.replace("$", "").replace(",", "").replace("\u00a0", "").replace(" ", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise CellError(_("“%(v)s” is not an amount of dollars, e.g. 25000 or $25,000.00.") % {"v": text}) from None
    if not value.is_finite() or value < 0 or value >= Decimal("1e12"):
        raise CellError(_("“%(v)s” must be between 0 and 999,999,999,999.99 dollars.") % {"v": text})
    return value.quantize(Decimal("0.01"))


def format_money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def parse_percent(text: str, lookups: Lookups) -> int:
    cleaned = text.replace("%", "").replace("\u00a0", "").strip()
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        message = _("“%(v)s” is not a percentage; write a whole number from 0 to 100, e.g. 20 %%.")
        raise CellError(message % {"v": text}) from None
    if number != number.to_integral_value() or not 0 <= number <= 100:
        raise CellError(_("“%(v)s” must be a whole number from 0 to 100.") % {"v": text})
    return int(number)


def format_percent(value: int | None) -> str:
    return "" if value is None else f"{value} %"


def parse_department(text: str, lookups: Lookups) -> Department:
    found = lookups.departments.get(normalise(text))
    if found is None:
        raise CellError(_("No department is named or coded “%(v)s”.") % {"v": text})
    return found


def format_department(value: Department | None) -> str:
    return value.name if value else ""


def parse_user(text: str, lookups: Lookups) -> User:
    found = lookups.users.get(text.strip().casefold())
    if found is None:
        raise CellError(_("No active portal user has the email address “%(v)s”.") % {"v": text})
    return found


def format_user(value: User | None) -> str:
    return value.email if value else ""
