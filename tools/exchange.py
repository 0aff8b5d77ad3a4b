"""The worksheet-template part of the exchange format: the template schema, writing a template, and its checks.

The library's exchange file (practices and templates) composes this part; the shipped templates in `tools/shipped/`
are exchange files checked and loaded by the same code. See tools/schemas/tool-template-v1.schema.json.
"""

from __future__ import annotations

import json
import uuid
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

from tools.models import Question, Step, Template

FORMAT = "equity-portal-exchange"
SCHEMA_VERSION = 1
TEMPLATE_SCHEMA_PATH = Path(__file__).parent / "schemas" / "tool-template-v1.schema.json"
SHIPPED_DIR = Path(__file__).parent / "shipped"
# The templates the portal ships with, in the order they are created, and their latest shipped version: version 1 is
# the exchange file `shipped/<slug>.json`, a later version N is `shipped/<slug>.v<N>.json`.
SHIPPED_VERSIONS = {"gare-full": 2, "short-form": 1, "budget-decision": 2}
SHIPPED_SLUGS = tuple(SHIPPED_VERSIONS)
# uids of the shipped versions are derived from slug and version, so they are the same in every city.
SHIPPED_UID_NAMESPACE = uuid.UUID("6f1c2b0e-5a7d-4c1e-9b3a-2d8e4f6a1c90")
CHOICE_TYPES = {Question.Type.SINGLE_CHOICE, Question.Type.MULTIPLE_CHOICE}


class ExchangeError(Exception):
    """The file cannot be imported; `problems` lists every reason, in words a person can act on."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@lru_cache(maxsize=1)
def template_schema() -> dict[str, Any]:
    """The JSON Schema of one worksheet template record (version 1 of the format)."""
    return json.loads(TEMPLATE_SCHEMA_PATH.read_text(encoding="utf-8"))


def template_to_exchange(*, template: Template) -> dict[str, Any]:
    """One template version as an exchange record (its steps and their questions must be prefetched)."""
    return {
        "uid": str(template.uid),
        "title": template.name,
        "description": template.description,
        "version": template.version,
        "steps": [
            {
                "number": step.number,
                "title": step.title,
                "intro": step.intro,
                "questions": [
                    {
                        "code": q.code,
                        "text": q.text,
                        "help_text": q.help_text,
                        "type": q.type,
                        "required": q.required,
                        "order": q.order,
                        "choices": list(q.choices),
                        "columns": [dict(c) for c in q.columns],
                        "follow_up": q.follow_up,
                        # Written only when not the default, so files of templates without it read as before.
                        **({"follow_up_on": q.follow_up_on} if q.follow_up_on != Question.FollowUpOn.NO else {}),
                        "links_actions": q.links_actions,
                    }
                    for q in step.questions.all()
                ],
            }
            for step in template.steps.all()
        ],
    }


def exportable_templates() -> QuerySet[Template]:
    """The template versions that may be shared: published ones (a published version never changes)."""
    return Template.objects.filter(status=Template.Status.PUBLISHED).order_by("name", "-version")


def templates_for_export(*, templates: QuerySet[Template]) -> list[dict[str, Any]]:
    """The published versions among `templates` as exchange records, with their steps and questions."""
    rows = (
        templates.filter(status=Template.Status.PUBLISHED)
        .prefetch_related(
            models.Prefetch("steps", queryset=Step.objects.order_by("number")),
            models.Prefetch("steps__questions", queryset=Question.objects.order_by("order", "pk")),
        )
        .order_by("name", "-version")
    )
    return [template_to_exchange(template=t) for t in rows]


def _location(path) -> str:
    parts = []
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            parts.append(f".{part}" if parts else str(part))
    return "".join(parts) or _("the file")


def describe_schema_error(error, *, prefix: tuple = ()) -> str:
    """One JSON Schema error in words a person can act on, with where in the file it is (below `prefix`)."""
    where = _location([*prefix, *error.absolute_path])
    if error.validator == "additionalProperties":
        return _("%(where)s: unknown field(s): %(detail)s") % {
            "where": where,
            "detail": error.message.split("(")[-1]
            .rstrip(")")
            .replace(" were unexpected", "")
            .replace(" was unexpected", ""),
        }
    if error.validator == "required":
        return _("%(where)s: %(detail)s") % {
            "where": where,
            "detail": error.message.replace("is a required property", _("is missing")),
        }
    return _("%(where)s: %(detail)s") % {"where": where, "detail": error.message}


def _hashable(value: object) -> str:
    return json.dumps(value, sort_keys=True)


def _question_problems(question: dict, where: str) -> list[str]:
    problems = []
    kind = question.get("type")
    choices = question.get("choices") or []
    columns = question.get("columns") or []
    if kind in CHOICE_TYPES and not choices:
        problems.append(_("%(where)s.choices: a choice question needs at least one choice") % {"where": where})
    if kind not in CHOICE_TYPES and choices:
        problems.append(_("%(where)s.choices: only choice questions have choices") % {"where": where})
    if kind == Question.Type.TABLE and not columns:
        problems.append(_("%(where)s.columns: a table question needs at least one column") % {"where": where})
    if kind != Question.Type.TABLE and columns:
        problems.append(_("%(where)s.columns: only table questions have columns") % {"where": where})
    if kind != Question.Type.YES_NO and question.get("follow_up_on", "no") != "no":
        problems.append(_("%(where)s.follow_up_on: only yes/no questions have a follow-up") % {"where": where})
    if kind != Question.Type.TABLE and question.get("links_actions"):
        problems.append(_("%(where)s.links_actions: only table questions can link to actions") % {"where": where})
    keys: set[str] = set()
    for c_index, column in enumerate(columns):
        if not isinstance(column, dict):
            continue
        at = f"{where}.columns[{c_index + 1}]"
        if _hashable(column.get("key")) in keys:
            problems.append(
                _("%(where)s.key: two columns have the key “%(key)s”") % {"where": at, "key": column["key"]}
            )
        keys.add(_hashable(column.get("key")))
        if column.get("type") == "choice" and not column.get("choices"):
            problems.append(_("%(where)s.choices: a choice column needs its choices") % {"where": at})
        if column.get("type") != "choice" and "choices" in column:
            problems.append(_("%(where)s.choices: only choice columns have choices") % {"where": at})
    return problems


def template_rule_problems(templates: object) -> list[str]:
    """What JSON Schema cannot say: choices and columns that fit the type, unique uids, step numbers, codes, orders."""
    problems: list[str] = []
    if not isinstance(templates, list):
        return problems
    seen: set[str] = set()
    for t_index, template in enumerate(templates):
        if not isinstance(template, dict):
            continue
        where = f"tool_templates[{t_index + 1}]"
        uid = str(template.get("uid", "")).lower()
        if uid and uid in seen:
            problems.append(
                _("%(where)s.uid: %(uid)s appears more than once in the file") % {"where": where, "uid": uid}
            )
        seen.add(uid)
        numbers: set[object] = set()
        codes: set[object] = set()
        raw_steps = template.get("steps")
        steps = raw_steps if isinstance(raw_steps, list) else []
        for s_index, step in enumerate(steps):
            if not isinstance(step, dict):
                continue
            at = f"{where}.steps[{s_index + 1}]"
            if _hashable(step.get("number")) in numbers:
                problems.append(
                    _("%(where)s.number: step number %(n)s is used twice") % {"where": at, "n": step["number"]}
                )
            numbers.add(_hashable(step.get("number")))
            orders: set[object] = set()
            raw_questions = step.get("questions")
            questions = raw_questions if isinstance(raw_questions, list) else []
            for q_index, question in enumerate(questions):
                if not isinstance(question, dict):
                    continue
                q_at = f"{at}.questions[{q_index + 1}]"
                if _hashable(question.get("code")) in codes:
                    problems.append(
                        _("%(where)s.code: question number “%(code)s” is used twice")
                        % {"where": q_at, "code": question["code"]}
                    )
                codes.add(_hashable(question.get("code")))
                if "order" in question:
                    if _hashable(question["order"]) in orders:
                        problems.append(
                            _("%(where)s.order: position %(n)s is used twice in this step")
                            % {"where": q_at, "n": question["order"]}
                        )
                    orders.add(_hashable(question["order"]))
                problems += _question_problems(question, q_at)
    return problems


def template_document_check(*, document: object) -> list[dict[str, Any]]:
    """The template records of an exchange document, each checked; raises ExchangeError listing every problem."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExchangeError([_("This is not an Equity Portal exchange file.")])
    if document.get("schema_version") != SCHEMA_VERSION:
        raise ExchangeError(
            [_("Schema version %(found)s is not supported.") % {"found": document.get("schema_version")}]
        )
    records = document.get("tool_templates")
    if not isinstance(records, list):
        raise ExchangeError([_("tool_templates: the file holds no worksheet templates")])
    validator = Draft202012Validator(template_schema())
    problems = []
    for index, record in enumerate(records):
        errors = sorted(validator.iter_errors(record), key=lambda e: [str(p) for p in e.absolute_path])
        problems += [describe_schema_error(error, prefix=("tool_templates", index)) for error in errors]
    problems += template_rule_problems(records)
    if problems:
        raise ExchangeError(problems)
    return records


def shipped_uid(*, slug: str, version: int) -> uuid.UUID:
    """The stable uid of a shipped template version."""
    return uuid.uuid5(SHIPPED_UID_NAMESPACE, f"{slug}:v{version}")


def shipped_path(*, slug: str, version: int = 1) -> Path:
    return SHIPPED_DIR / (f"{slug}.json" if version == 1 else f"{slug}.v{version}.json")


def shipped_template_record(*, slug: str, version: int = 1) -> dict[str, Any]:
    """The checked template record of a shipped exchange file."""
    document = json.loads(shipped_path(slug=slug, version=version).read_text(encoding="utf-8"))
    (record,) = template_document_check(document=document)
    return record
