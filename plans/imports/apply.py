"""Applying a checked preview: every create and change goes through the plans services, so each is audited with
its author; unchanged records are not saved at all (no history rows)."""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.utils.translation import gettext as _

from equity.models import User
from plans.imports.columns import ACTION, BY_KEY, OUTCOME, PROGRESS_KEYS, RESULT
from plans.imports.preview import CREATE, UNCHANGED, Change, Preview, _same
from plans.models import Action, Outcome, Plan, Result
from plans.services.actions import action_create, action_update, update_post
from plans.services.plans import outcome_save, result_save


def _next_order(queryset) -> int:
    return (queryset.aggregate(top=Max("sort_order"))["top"] or 0) + 1


def _set(record: Any, change: Change) -> None:
    for key, value in change.values.items():
        setattr(record, BY_KEY[key].attr, value)


def apply_preview(*, plan: Plan, preview: Preview, author: User, file_name: str) -> None:
    """Create results, then outcomes, then actions (in file order), and post a progress update for each action whose
    status or percent complete the file changes. Runs inside the caller's transaction."""
    results: dict[tuple[str, ...], Result] = {}
    outcomes: dict[tuple[str, ...], Outcome] = {}
    result_order = _next_order(Result.objects.filter(plan=plan))
    outcome_order = _next_order(Outcome.objects.filter(result__plan=plan))
    for change in preview.changes:
        if change.level == RESULT:
            result = change.record if isinstance(change.record, Result) else Result(plan=plan)
            if change.kind != UNCHANGED:
                if change.kind == CREATE:
                    result.sort_order, result_order = result_order, result_order + 1
                _set(result, change)
                result_save(author=author, result=result)
            results[change.key] = result
        elif change.level == OUTCOME:
            outcome = change.record if isinstance(change.record, Outcome) else Outcome(result=results[change.key[:1]])
            if change.kind != UNCHANGED:
                if change.kind == CREATE:
                    outcome.sort_order, outcome_order = outcome_order, outcome_order + 1
                _set(outcome, change)
                outcome_save(author=author, outcome=outcome)
            outcomes[change.key] = outcome
        elif change.level == ACTION and change.kind != UNCHANGED:
            _apply_action(plan=plan, change=change, outcomes=outcomes, author=author, file_name=file_name)


def _apply_action(
    *, plan: Plan, change: Change, outcomes: dict[tuple[str, ...], Outcome], author: User, file_name: str
) -> None:
    named = [outcomes[key] for key in change.outcome_keys]
    added = [outcomes[key] for key in change.new_links]
    fields = {BY_KEY[k].attr: v for k, v in change.values.items() if k not in PROGRESS_KEYS}
    action = change.record
    if action is None:
        action = action_create(author=author, plan=plan, outcomes=named, **fields)
    else:
        assert isinstance(action, Action)
        changed = {name: v for name, v in fields.items() if not _same(getattr(action, name), v)}
        linked = list(action.outcomes.all()) + added if added else None  # the links are read only when adding one
        if changed or linked is not None:
            action = action_update(author=author, action=action, version=action.version, outcomes=linked, **changed)
    status = change.values.get("status", action.status)
    percent = change.values.get("percent_complete", action.percent_complete)
    if status != action.status or percent != action.percent_complete:
        note = _("Imported from the spreadsheet “%(file)s”.") % {"file": file_name}
        update_post(
            author=author, action=action, version=action.version, status=status, percent_complete=percent,
            summary=note, status_reason=note if status != action.status else "",
        )  # fmt: skip
