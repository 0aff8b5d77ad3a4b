"""Creating worksheet templates from exchange records: the library's import and the shipped templates use this."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from equity.audit import audited_save
from equity.models import User
from tools.exchange import SHIPPED_SLUGS, shipped_template_record
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
) -> Template:
    """One worksheet template from a checked exchange record: version 1 with its steps and questions."""
    models = models or TemplateModels()
    extra: dict[str, Any] = {}
    if _has_field(models.template, "uid"):
        extra["uid"] = record["uid"].lower()
    if _has_field(models.template, "imported_from"):
        extra["imported_from"] = source[:150]
    template = models.template(
        name=record["title"],
        slug=slug,
        version=1,
        status=status,
        description=record.get("description", ""),
        **extra,
    )
    audited_save(template, author=author)
    for step_record in record["steps"]:
        step = models.step(
            template=template,
            number=step_record["number"],
            title=step_record["title"],
            intro=step_record.get("intro", ""),
        )
        audited_save(step, author=author)
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
            )
            audited_save(question, author=author)
    return template


@transaction.atomic
def shipped_templates_ensure(*, models: TemplateModels | None = None) -> int:
    """Create version 1 of each shipped template that does not exist yet (published); returns how many were made."""
    models = models or TemplateModels()
    created = 0
    for slug in SHIPPED_SLUGS:
        if models.template.objects.filter(slug=slug, version=1).exists():
            continue
        template_import(
            record=shipped_template_record(slug=slug),
            slug=slug,
            author=None,
            status=Template.Status.PUBLISHED,
            models=models,
        )
        created += 1
    return created
