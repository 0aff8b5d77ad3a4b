"""The exchange format shared between cohort cities: writing a file, and reading one back with every field checked.

The library owns the file and its practices; the worksheet-template part is the tools app's (`tools.exchange`).
See the README ("Exchange format"), library/schemas/exchange-v1.schema.json and
tools/schemas/tool-template-v1.schema.json.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from equity.models import Department
from library.bounded_json import JSONLimitExceeded, json_loads_bounded
from library.exchange_checks import ExchangeValidator, limit_problem, schema_problem, unstorable_text
from library.models import EquityArea, Practice
from tools.exchange import (
    FORMAT,
    SCHEMA_VERSION,
    ExchangeError,
    template_rule_problems,
    template_schema,
    templates_for_export,
)
from tools.exchange import exportable_templates as exportable_templates  # the library's export page lists them
from tools.models import Template

SCHEMA_PATH = Path(__file__).parent / "schemas" / "exchange-v1.schema.json"
MAX_IMPORT_BYTES = 1024 * 1024
MAX_PROBLEMS = 100
# The deepest legal nesting is 10 (document, tool_templates, a template, steps, a step, questions, a question,
# columns, a column, its choices); the longest legal list is `practices` (1,000). See ADR 0046.
MAX_DEPTH = 20
MAX_ENTRIES = 1000


def _max_length(model: Any, name: str) -> int:
    return int(model._meta.get_field(name).max_length)


def practice_limits() -> dict[str, int]:
    """The length and count limits of a practice record, read from the model: the form enforces the same ones."""
    return {
        "title": _max_length(Practice, "title"),
        "summary": _max_length(Practice, "summary"),
        "jurisdiction": _max_length(Practice, "jurisdiction_name"),
        "source_url": _max_length(Practice, "source_url"),
        "evidence": _max_length(Practice, "evidence"),
        "tag": Practice.TAG_MAX_LENGTH,
        "tags": Practice.TAG_MAX_COUNT,
        "tags_joined": _max_length(Practice, "tags"),
        "department": _max_length(Department, "name"),
        "departments": Practice.DEPARTMENT_MAX_COUNT,
        "source_jurisdiction": _max_length(Practice, "imported_from"),
    }


def schema_with_model_limits(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` (the committed file's contents) with every practice limit set from `practice_limits()`."""
    limits = practice_limits()
    practice = schema["$defs"]["practice"]["properties"]
    for name in ("title", "summary", "jurisdiction", "source_url", "evidence"):
        practice[name]["maxLength"] = limits[name]
    practice["tags"]["maxItems"] = limits["tags"]
    practice["tags"]["items"]["maxLength"] = limits["tag"]
    practice["departments"]["maxItems"] = limits["departments"]
    practice["departments"]["items"]["maxLength"] = limits["department"]
    schema["properties"]["source"]["properties"]["jurisdiction"]["maxLength"] = limits["source_jurisdiction"]
    return schema


@lru_cache(maxsize=1)
def exchange_schema() -> dict[str, Any]:
    """The JSON Schema of version 1 of the format, self-contained: the tools app's template schema is embedded.

    Practice limits come from the model (a test keeps the committed file equal to them, for other cities to read)."""
    schema = schema_with_model_limits(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    schema["$defs"]["tool_template_schema"] = template_schema()
    return schema


def practice_to_exchange(*, practice: Practice) -> dict[str, Any]:
    """One practice as an exchange record (its equity areas and departments must be prefetched)."""
    return {
        "uid": str(practice.uid),
        "title": practice.title,
        "summary": practice.summary,
        "kind": practice.kind,
        "equity_areas": [area.code for area in practice.equity_areas.all()],
        "departments": [department.name for department in practice.departments.all()],
        "jurisdiction": practice.jurisdiction_name,
        "source_url": practice.source_url,
        "evidence": practice.evidence,
        "status": practice.status,
        "tags": practice.tag_list,
    }


def exchange_document(*, practices: QuerySet[Practice], templates: QuerySet[Template] | None = None) -> dict[str, Any]:
    """A complete exchange file for the given practices and (published) template versions."""
    rows = practices.prefetch_related("equity_areas", "departments").order_by("title", "pk")
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "source": {"jurisdiction": settings.CITY_NAME, "generator": "Equity Portal"},
        "practices": [practice_to_exchange(practice=p) for p in rows],
        "tool_templates": templates_for_export(templates=templates) if templates is not None else [],
    }


def exchange_parse(*, raw: bytes) -> dict[str, Any]:
    """Read and check a whole file; raises ExchangeError listing every problem, or returns the document."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise ExchangeError(
            [
                _("The file is too large (%(size)s bytes); the limit is %(limit)s bytes.")
                % {"size": len(raw), "limit": MAX_IMPORT_BYTES}
            ]
        )
    if not raw.strip():
        raise ExchangeError([_("The file is empty.")])
    try:
        text = raw.decode("utf-8-sig")
        document = json_loads_bounded(text, max_depth=MAX_DEPTH, max_entries=MAX_ENTRIES)
    except UnicodeDecodeError:
        raise ExchangeError([_("The file is not UTF-8 text.")]) from None
    except JSONLimitExceeded as exc:
        raise ExchangeError([limit_problem(exc)]) from None
    except json.JSONDecodeError as exc:
        raise ExchangeError(
            [
                _("The file is not valid JSON (line %(line)s, column %(col)s: %(msg)s).")
                % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg}
            ]
        ) from None
    if not isinstance(document, dict):
        raise ExchangeError([_("The file must contain a JSON object at the top level.")])
    if document.get("format") != FORMAT:
        raise ExchangeError(
            [
                _("This is not an Equity Portal exchange file (the “format” field must be “%(format)s”).")
                % {"format": FORMAT}
            ]
        )
    if document.get("schema_version") != SCHEMA_VERSION:
        raise ExchangeError(
            [
                _("Schema version %(found)s is not supported; this portal reads version %(version)s.")
                % {"found": json.dumps(document.get("schema_version")), "version": SCHEMA_VERSION}
            ]
        )
    text_problem = unstorable_text(document, text=text)
    if text_problem:
        raise ExchangeError([text_problem])
    validator = ExchangeValidator(exchange_schema())
    # Errors are produced lazily and only the first MAX_PROBLEMS + 1 are kept: each holds its path and instance.
    errors = sorted(
        islice(validator.iter_errors(document), MAX_PROBLEMS + 1), key=lambda e: [str(p) for p in e.absolute_path]
    )
    problems = [schema_problem(error) for error in errors]
    seen: set[str] = set()
    tags_limit = practice_limits()["tags_joined"]
    practices = document.get("practices")
    for index, practice in enumerate(practices if isinstance(practices, list) else []):
        tags = practice.get("tags") if isinstance(practice, dict) else None
        if isinstance(tags, list) and len(", ".join(map(str, tags))) > tags_limit:
            problems.append(
                _("practices[%(n)s].tags: %(count)s characters written as one list; the limit is %(limit)s")
                % {"n": index + 1, "count": len(", ".join(map(str, tags))), "limit": tags_limit}
            )
        uid = str(practice.get("uid", "")).lower() if isinstance(practice, dict) else ""
        if uid and uid in seen:
            problems.append(
                _("practices[%(n)s].uid: %(uid)s appears more than once in the file") % {"n": index + 1, "uid": uid}
            )
        seen.add(uid)
    problems += template_rule_problems(document.get("tool_templates"))
    if problems:
        if len(problems) > MAX_PROBLEMS:
            problems = problems[:MAX_PROBLEMS] + [
                _("… and more problems: the check stops after %(n)s. Correct these and upload the file again.")
                % {"n": MAX_PROBLEMS}
            ]
        raise ExchangeError(problems)
    return document


@dataclass
class PlannedPractice:
    """What the import will do with one practice of the file."""

    record: dict[str, Any]
    duplicate_of: Practice | None = None
    areas: list[EquityArea] = field(default_factory=list)
    departments: list[Department] = field(default_factory=list)
    unmatched_departments: list[str] = field(default_factory=list)
    jurisdiction: str = Practice.Jurisdiction.OTHER
    status: str = Practice.Status.PROPOSED

    @property
    def title(self) -> str:
        return self.record["title"]

    @property
    def uid(self) -> str:
        return self.record["uid"].lower()

    def get_kind_display(self) -> str:
        return str(Practice.Kind(self.record["kind"]).label)

    def get_status_display(self) -> str:
        return str(Practice.Status(self.status).label)


@dataclass
class PlannedTemplate:
    """What the import will do with one worksheet template of the file."""

    record: dict[str, Any]
    duplicate_of: Template | None = None
    slug: str = ""

    @property
    def title(self) -> str:
        return self.record["title"]

    @property
    def uid(self) -> str:
        return self.record["uid"].lower()

    @property
    def step_count(self) -> int:
        return len(self.record["steps"])

    @property
    def question_count(self) -> int:
        return sum(len(step["questions"]) for step in self.record["steps"])


@dataclass
class ImportPlan:
    """The preview of an import: exactly what will be created and what is skipped as a duplicate."""

    source: str
    practices: list[PlannedPractice]
    templates: list[PlannedTemplate] = field(default_factory=list)

    @property
    def templates_to_create(self) -> list[PlannedTemplate]:
        return [t for t in self.templates if t.duplicate_of is None]

    @property
    def template_duplicates(self) -> list[PlannedTemplate]:
        return [t for t in self.templates if t.duplicate_of is not None]

    @property
    def has_work(self) -> bool:
        return bool(self.to_create or self.templates_to_create)

    @property
    def to_create(self) -> list[PlannedPractice]:
        return [p for p in self.practices if p.duplicate_of is None]

    @property
    def duplicates(self) -> list[PlannedPractice]:
        return [p for p in self.practices if p.duplicate_of is not None]


def import_plan(*, document: dict[str, Any]) -> ImportPlan:
    """Match a checked document against this database: duplicates by uid, areas by code, departments by name/code."""
    records = document.get("practices", [])
    uids = [r["uid"].lower() for r in records]
    existing = {str(p.uid): p for p in Practice.objects.filter(uid__in=uids)}
    areas = {a.code: a for a in EquityArea.objects.all()}
    departments = {}
    for department in Department.objects.all():
        departments[department.name.lower()] = department
        departments[department.code.lower()] = department
    plan = ImportPlan(source=document["source"]["jurisdiction"], practices=[])
    here = settings.CITY_NAME.strip().lower()
    # A status says where the exporting city stands; another city's "adopted" is only "proposed" here.
    same_city = plan.source.strip().lower() == here
    for record in records:
        item = PlannedPractice(record=record, duplicate_of=existing.get(record["uid"].lower()))
        item.areas = [areas[c] for c in record.get("equity_areas", []) if c in areas]
        for name in record.get("departments", []):
            match = departments.get(name.strip().lower())
            if match is None:
                item.unmatched_departments.append(name)
            elif match not in item.departments:
                item.departments.append(match)
        if record["jurisdiction"].strip().lower() == here:
            item.jurisdiction = Practice.Jurisdiction.THIS_CITY
        if same_city:
            # Our own file (a restore or a move to a new server): the status still describes this city.
            item.status = record.get("status", Practice.Status.PROPOSED)
        plan.practices.append(item)
    plan.templates = _planned_templates(document.get("tool_templates") or [])
    return plan


def _planned_templates(records: list[dict[str, Any]]) -> list[PlannedTemplate]:
    """Duplicates by uid; each new template gets a short name (slug) not yet used here."""
    existing = {str(t.uid): t for t in Template.objects.filter(uid__in=[r["uid"].lower() for r in records])}
    bases = {(slugify(r["title"])[:70] or "imported-template") for r in records}
    taken = (
        set(
            Template.objects.filter(slug__regex=r"^(" + "|".join(re.escape(b) for b in bases) + r")(-[0-9]+)?$")
            .values_list("slug", flat=True)
            .distinct()
        )
        if bases
        else set()
    )
    planned = []
    for record in records:
        item = PlannedTemplate(record=record, duplicate_of=existing.get(record["uid"].lower()))
        if item.duplicate_of is None:
            base = slugify(record["title"])[:70] or "imported-template"
            slug, n = base, 1
            while slug in taken:
                n += 1
                slug = f"{base}-{n}"
            taken.add(slug)
            item.slug = slug
        planned.append(item)
    return planned
