"""Records with translatable text for the translation tests: a Community Development draft plan (hidden from Public
Works) with a result, an outcome and an action whose text is real content ("20 %", "2012–2016", "Not stated")."""

from __future__ import annotations

from django.test import TestCase

from equity.translations.registry import record_parts, record_type_for_key
from equity.translations.services import PieceInput, content_translations_save
from plans.models import Plan
from tests.plans.factories import ActionFactory, PlanFactory


def cd_action(p, **fields):
    plan = PlanFactory(title="CD draft plan", status=Plan.Status.DRAFT, departments=[p.dept], adopted_on=None)
    values = {
        "title": "Cut permit wait times for African American-owned businesses by 20 %",
        "description": "Baseline 2012–2016.",
        "measure_of_success": "Not stated",
        "timeline": "2012–2016",
    }
    return ActionFactory(plan=plan, lead_department=p.dept, accountable=p.staff, **(values | fields))


def translate(user, record, language: str, texts: dict[str, str], *, state: str = "draft", key: str = "plans.action"):
    """Save translations of `record`'s fields (by field name) as `user`, running the on-commit work."""
    record_type = record_type_for_key(key)
    parts = record_parts(record_type, [record])
    from equity.translations.selectors import part_key, translations_for_parts

    found = translations_for_parts(parts=parts, language=language)
    pieces = [
        PieceInput(
            part=part,
            text=texts[part.field],
            state=state,
            version=found[part_key(part)].version if part_key(part) in found else None,
        )
        for part in parts
        if part.field in texts
    ]
    with TestCase.captureOnCommitCallbacks(execute=True):
        return content_translations_save(
            user=user, record_type=record_type, record=record, language=language, pieces=pieces
        )
