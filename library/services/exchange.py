"""Importing an exchange file: everything the preview listed is created in one transaction, or nothing is."""

from __future__ import annotations

from django.db import transaction

from equity.audit import audited_save
from equity.models import User
from library.exchange import PlannedTemplate, import_plan
from library.models import Practice
from tools.models import Question, Step, Template


def _create_template(*, item: PlannedTemplate, author: User, source: str) -> Template:
    """One imported worksheet template: a new draft version 1 the equity team reviews before publishing."""
    record = item.record
    template = Template(
        uid=item.uid,
        name=record["title"],
        slug=item.slug,
        version=1,
        status=Template.Status.DRAFT,
        description=record.get("description", ""),
        imported_from=source[:150],
    )
    audited_save(template, author=author)
    for step_record in record["steps"]:
        step = Step(
            template=template,
            number=step_record["number"],
            title=step_record["title"],
            intro=step_record.get("intro", ""),
        )
        audited_save(step, author=author)
        for position, q in enumerate(step_record["questions"], start=1):
            question = Question(
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
def exchange_import(*, author: User, document: dict) -> tuple[list[Practice], list[Template]]:
    """Create the practices and templates of a checked document not already here (matched by uid); returns them."""
    plan = import_plan(document=document)
    templates = [_create_template(item=item, author=author, source=plan.source) for item in plan.templates_to_create]
    created: list[Practice] = []
    for item in plan.to_create:
        record = item.record
        practice = Practice(
            uid=item.uid,
            title=record["title"],
            summary=record["summary"],
            kind=record["kind"],
            jurisdiction=item.jurisdiction,
            jurisdiction_name=record["jurisdiction"],
            source_url=record.get("source_url", ""),
            evidence=record.get("evidence", ""),
            status=item.status,
            tags=", ".join(record.get("tags", [])),
            review_state=Practice.Review.PUBLISHED,
            imported_from=plan.source[:150],
        )
        audited_save(practice, author=author)
        practice.equity_areas.set(item.areas)
        practice.departments.set(item.departments)
        created.append(practice)
    return created, templates
