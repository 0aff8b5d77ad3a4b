"""Creating worksheet templates from exchange records: the library's import and the shipped templates use this."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, transaction

from equity.audit import audited_save
from equity.models import User
from tools.exchange import SHIPPED_VERSIONS, shipped_template_record
from tools.models import Question, Step, Template


@dataclass(frozen=True)
class TemplateModels:
    """The model classes to write: the app's own, or a data migration's historical ones."""

    template: Any = Template
    step: Any = Step
    question: Any = Question

    @classmethod
    def from_apps(cls, apps) -> TemplateModels:
        """The historical models of a data migration's `apps` registry."""
        return cls(
            template=apps.get_model("tools", "Template"),
            step=apps.get_model("tools", "Step"),
            question=apps.get_model("tools", "Question"),
        )


def _has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())


def template_import(
    *,
    record: dict[str, Any],
    slug: str,
    author: User | None,
    status: str = Template.Status.DRAFT,
    source: str = "",
    models: TemplateModels | None = None,
    version: int = 1,
    using: str = DEFAULT_DB_ALIAS,
) -> Template:
    """One worksheet template from a checked exchange record, with its steps and questions (version 1 unless
    given: a later shipped version follows the versions the city already has), written to database `using`."""
    models = models or TemplateModels()
    extra: dict[str, Any] = {}
    if _has_field(models.template, "uid"):
        extra["uid"] = record["uid"].lower()
    if _has_field(models.template, "imported_from"):
        extra["imported_from"] = source[:150]
    template = models.template(
        name=record["title"],
        slug=slug,
        version=version,
        status=status,
        description=record.get("description", ""),
        **extra,
    )
    audited_save(template, author=author, using=using)
    has_follow_up_on = _has_field(models.question, "follow_up_on")
    for step_record in record["steps"]:
        step = models.step(
            template=template,
            number=step_record["number"],
            title=step_record["title"],
            intro=step_record.get("intro", ""),
        )
        audited_save(step, author=author, using=using)
        for position, q in enumerate(step_record["questions"], start=1):
            question = models.question(
                step=step,
                code=q["code"],
                text=q["text"],
                help_text=q.get("help_text", ""),
                type=q["type"],
                required=q.get("required", False),
                order=q.get("order", position),
                choices=list(q.get("choices", [])),
                columns=[dict(c) for c in q.get("columns", [])],
                follow_up=q.get("follow_up", ""),
                links_actions=q.get("links_actions", False),
                **({"follow_up_on": q.get("follow_up_on", "no")} if has_follow_up_on else {}),
            )
            audited_save(question, author=author, using=using)
    return template


def _can_hold(models: TemplateModels, record: dict[str, Any]) -> bool:
    """Whether the (possibly historical) models hold every field the record uses: a data migration run before
    `follow_up_on` existed skips the versions that need it, and a later migration creates them."""
    uses_follow_up_on = any("follow_up_on" in q for s in record["steps"] for q in s["questions"])
    needs = ["uid"] + (["follow_up_on"] if uses_follow_up_on else [])
    return all(_has_field(models.template if name == "uid" else models.question, name) for name in needs)


def _shipped_exists(models: TemplateModels, *, slug: str, version: int, record: dict[str, Any], using: str) -> bool:
    templates = models.template.objects.using(using)
    if _has_field(models.template, "uid"):
        found = templates.filter(uid=record["uid"].lower()).exists()
        return found or (version == 1 and templates.filter(slug=slug, version=1).exists())
    return templates.filter(slug=slug, version=version).exists()


def shipped_templates_ensure(*, models: TemplateModels | None = None, using: str = DEFAULT_DB_ALIAS) -> int:
    """Create each shipped template version that does not exist yet (published) in database `using` (a data
    migration passes its historical models and its connection's alias); returns how many were made.

    A later shipped version (a new exchange file, never an edit of a published one, ADR 0027) takes the next
    version number of its template; earlier versions stay published until the equity team retires them (ADR 0038),
    and assessments keep the version they answered."""
    models = models or TemplateModels()
    templates = models.template.objects.using(using)
    created = 0
    with transaction.atomic(using=using):
        for slug, latest in SHIPPED_VERSIONS.items():
            for shipped_version in range(1, latest + 1):
                record = shipped_template_record(slug=slug, version=shipped_version)
                if shipped_version > 1 and not _can_hold(models, record):
                    continue
                if _shipped_exists(models, slug=slug, version=shipped_version, record=record, using=using):
                    continue
                number = 1
                if shipped_version > 1:
                    number = max(templates.filter(slug=slug).values_list("version", flat=True), default=0) + 1
                template_import(
                    record=record,
                    slug=slug,
                    author=None,
                    status=Template.Status.PUBLISHED,
                    models=models,
                    version=number,
                    using=using,
                )
                created += 1
    return created
