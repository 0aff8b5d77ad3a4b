"""Importing an exchange file: everything the preview listed is created in one transaction, or nothing is."""

from __future__ import annotations

from django.db import transaction

from equity.audit import audited_save
from equity.models import User
from library.exchange import import_plan
from library.models import Practice
from tools.models import Template
from tools.services.template_exchange import template_import


@transaction.atomic
def exchange_import(*, author: User, document: dict) -> tuple[list[Practice], list[Template]]:
    """Create the practices and templates of a checked document not already here (matched by uid); returns them."""
    plan = import_plan(document=document)
    templates = [
        template_import(record=item.record, slug=item.slug, author=author, source=plan.source)
        for item in plan.templates_to_create
    ]
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
