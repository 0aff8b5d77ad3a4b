"""Applying a checked preview, all inside the caller's transaction. Results, outcomes and changed actions go through
the plans services one by one, so each is audited with its author; unchanged records are not saved at all (no
history rows). New actions, which a first import brings by the thousand, are written in batches: the actions, their
history rows (naming the uploader, with the file as the reason), their outcome and co-lead links and those links'
history, a fixed number of queries per 500 actions (ADR 0037), and one notification per accountable person and
per co-lead department (plans.notices.events.imported_actions_notify)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from equity.audit import audited_save
from equity.models import User
from plans.codes import code_sort_key
from plans.imports.columns import ACTION, BY_KEY, OUTCOME, PROGRESS_KEYS, RESULT
from plans.imports.preview import CREATE, UNCHANGED, Change, Preview, _same
from plans.models import Action, ActionLink, ActionStatus, Outcome, Plan, Result
from plans.notices.events import imported_actions_notify
from plans.services.actions import action_cancel, action_update, update_post
from plans.services.plans import outcome_save, result_save
from plans.services.structure import action_link_add, timeline_fields

BATCH = 500
CO_LEADS = "co_lead_departments"
LINKS = "links"
NOT_FORM_KEYS = (*PROGRESS_KEYS, CO_LEADS, LINKS)


def _next_order(queryset) -> int:
    return (queryset.aggregate(top=Max("sort_order"))["top"] or 0) + 1


def _set(record: Any, change: Change) -> None:
    for key, value in change.values.items():
        setattr(record, BY_KEY[key].attr, value)


def apply_preview(*, plan: Plan, preview: Preview, author: User, file_name: str) -> None:
    """Create or change results, then outcomes, then actions (in file order): new actions in batches, changed ones
    through the services, with a progress update (or a cancellation) when the file changes the status or percent."""
    note = _("Imported from the spreadsheet “%(file)s”.") % {"file": file_name}
    results: dict[tuple[str, ...], Result] = {}
    outcomes: dict[tuple[str, ...], Outcome] = {}
    result_order = _next_order(Result.objects.filter(plan=plan))
    outcome_order = _next_order(Outcome.objects.filter(result__plan=plan))
    new_actions: list[Change] = []
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
            outcome = change.record if isinstance(change.record, Outcome) else None
            if outcome is None:
                assert change.parent is not None
                outcome = Outcome(result=results[change.parent])
            if change.kind != UNCHANGED:
                if change.kind == CREATE:
                    outcome.sort_order, outcome_order = outcome_order, outcome_order + 1
                _set(outcome, change)
                outcome_save(author=author, outcome=outcome)
            outcomes[change.key] = outcome
        elif change.level == ACTION and change.kind == CREATE:
            new_actions.append(change)
        elif change.level == ACTION and change.kind != UNCHANGED:
            _apply_action(change=change, outcomes=outcomes, author=author, note=note)
    if new_actions:
        _create_actions(plan=plan, changes=new_actions, outcomes=outcomes, author=author, note=note)


def _new_action(plan: Plan, change: Change, today) -> Action:
    """An unsaved action with what the file gives (as `action_create` would set it; the preview checked it)."""
    values = change.values
    fields = {BY_KEY[k].attr: v for k, v in values.items() if k not in NOT_FORM_KEYS}
    timeline = fields.pop("timeline", "")
    action = Action(plan=plan, **fields)
    if timeline:
        for name, value in timeline_fields(text=timeline, due_date=action.due_date).items():
            setattr(action, name, value)
    action.code_key = code_sort_key(action.code)  # Coded.save is not called by bulk_create
    status = values.get("status", ActionStatus.NOT_STARTED)
    action.status = ActionStatus.NOT_STARTED if status == ActionStatus.CANCELLED else status
    action.percent_complete = values.get("percent_complete")
    action.status_as_of = values.get("status_as_of") or today
    action.status_source = values.get("status_source", "")
    if action.status == ActionStatus.COMPLETED:
        action.completed_on = action.status_as_of
    return action


def _create_actions(
    *, plan: Plan, changes: list[Change], outcomes: dict[tuple[str, ...], Outcome], author: User, note: str
) -> None:
    today = timezone.localdate()
    actions = [_new_action(plan, change, today) for change in changes]
    Action.objects.bulk_create(actions, batch_size=BATCH)
    history = Action.history.bulk_history_create(
        actions, batch_size=BATCH, default_user=author, default_change_reason=note[:100]
    )
    history_of = {row.id: row for row in history}
    links: dict[str, list[Any]] = {"outcomes": [], CO_LEADS: []}
    through = {"outcomes": Action.outcomes.through, CO_LEADS: Action.co_lead_departments.through}
    outcome_through, co_lead_through = through["outcomes"], through[CO_LEADS]
    for action, change in zip(actions, changes, strict=True):
        for key in change.outcome_keys:
            links["outcomes"].append(outcome_through(action_id=action.pk, outcome_id=outcomes[key].pk))
        for department in change.values.get(CO_LEADS) or ():
            if department.pk != action.lead_department_id:
                links[CO_LEADS].append(co_lead_through(action_id=action.pk, department_id=department.pk))
    for name, rows in links.items():
        created = through[name]._default_manager.bulk_create(rows, batch_size=BATCH)
        # The m2m history of each action's first history row, as simple-history records for a `.set()`.
        m2m_history = apps.get_model("plans", f"HistoricalAction_{name}")
        other = "outcome_id" if name == "outcomes" else "department_id"
        m2m_history.objects.bulk_create(
            [
                m2m_history(
                    id=row.pk,
                    action_id=row.action_id,  # type: ignore[attr-defined]
                    history=history_of[row.action_id],  # type: ignore[attr-defined]
                    **{other: getattr(row, other)},
                )
                for row in created
            ],
            batch_size=BATCH,
        )
    new_links = [
        ActionLink(action=action, label=label, url=url)
        for action, change in zip(actions, changes, strict=True)
        for label, url in change.values.get(LINKS) or ()
    ]
    if new_links:
        ActionLink.objects.bulk_create(new_links, batch_size=BATCH)
        ActionLink.history.bulk_history_create(
            new_links, batch_size=BATCH, default_user=author, default_change_reason=note[:100]
        )
    co_leads: dict[int, set[int]] = {}
    for row in links[CO_LEADS]:
        co_leads.setdefault(row.action_id, set()).add(row.department_id)
    imported_actions_notify(plan=plan, actions=actions, co_leads=co_leads, author=author)
    for action, change in zip(actions, changes, strict=True):
        if change.values.get("status") == ActionStatus.CANCELLED:
            action_cancel(
                author=author, action=action, version=action.version, reason=change.values["cancelled_reason"]
            )


def _apply_action(*, change: Change, outcomes: dict[tuple[str, ...], Outcome], author: User, note: str) -> None:
    action = change.record
    assert isinstance(action, Action)
    values = change.values
    fields = {BY_KEY[k].attr: v for k, v in values.items() if k not in NOT_FORM_KEYS}
    changed = {name: v for name, v in fields.items() if not _same(getattr(action, name), v)}
    co_leads = values.get(CO_LEADS)
    if co_leads is not None and _same(BY_KEY[CO_LEADS].read(action), co_leads):
        co_leads = None
    added = [outcomes[key] for key in change.new_links]
    linked = list(action.outcomes.all()) + added if added else None  # the links are read only when adding one
    if changed or linked is not None or co_leads is not None:
        action = action_update(
            author=author, action=action, version=action.version, outcomes=linked, co_lead_departments=co_leads,
            **changed,
        )  # fmt: skip
    old_links = BY_KEY[LINKS].read(action) if LINKS in values else ()
    for label, url in values.get(LINKS) or ():
        if (label, url) not in old_links:
            action_link_add(author=author, action=action, url=url, label=label)
    status = values.get("status", action.status)
    if status == ActionStatus.CANCELLED and action.status != ActionStatus.CANCELLED:
        action_cancel(author=author, action=action, version=action.version, reason=values["cancelled_reason"])
        return
    percent = values.get("percent_complete", action.percent_complete)
    as_of = values.get("status_as_of")
    if status != action.status or percent != action.percent_complete:
        update_post(
            author=author, action=action, version=action.version, status=status, percent_complete=percent,
            summary=note, status_reason=note if status != action.status else "", as_of=as_of,
            confirm_incomplete=True,
        )  # fmt: skip
        action = Action.objects.get(pk=action.pk)
    source = values.get("status_source")
    if (as_of and as_of != action.status_as_of) or (source is not None and source != action.status_source):
        action.status_as_of = as_of or action.status_as_of
        action.status_source = action.status_source if source is None else source
        action.version += 1
        audited_save(
            action, author=author, reason=note[:100],
            update_fields=["status_as_of", "status_source", "version", "updated_at"],
        )  # fmt: skip
