"""A practice's History page, with its equity areas and departments, read in a fixed number of queries.

`equity.audit.history_entries` diffs many-to-many fields with one query per change; practices track two such
fields, so their entries are built here from one query per relation instead.
"""

from __future__ import annotations

from collections import defaultdict

from equity.audit import CHANGE_KINDS, FieldChange, HistoryEntry, HistoryView
from library.models import Practice

M2M_FIELDS = {"equity_areas": "equityarea", "departments": "department"}  # field -> column of its history table


def _m2m_snapshots(rows: list, field: str) -> dict[int, list[str]]:
    """For each history row id, the sorted names of the related objects it recorded."""
    target = M2M_FIELDS[field]
    model = rows[0].__class__._meta.apps.get_model("library", f"HistoricalPractice_{field}")
    names: dict[int, list[str]] = defaultdict(list)
    for history_id, label in model.objects.filter(history__in=[r.history_id for r in rows]).values_list(
        "history_id", f"{target}__name"
    ):
        names[history_id].append(label)
    return {key: sorted(value) for key, value in names.items()}


def practice_history_entries(*, practice: Practice, limit: int = 200) -> list[HistoryEntry]:
    """The newest `limit` changes of a practice, field by field, including its areas and departments."""
    rows = list(practice.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    if not rows:
        return []
    rows.reverse()
    snapshots = {field: _m2m_snapshots(rows, field) for field in M2M_FIELDS}
    entries: list[HistoryEntry] = []
    for index, row in enumerate(rows):
        previous = rows[index - 1] if index else None
        if previous is None and len(rows) > limit:
            continue
        changes: list[FieldChange] = []
        if previous is not None and row.history_type == "~":
            delta = row.diff_against(previous, foreign_keys_are_objs=False, excluded_fields=list(M2M_FIELDS))
            changes = [
                FieldChange(str(Practice._meta.get_field(c.field).verbose_name).capitalize(), c.old, c.new)
                for c in delta.changes
                if c.field != "version"
            ]
            for field, snapshot in snapshots.items():
                old, new = snapshot.get(previous.history_id, []), snapshot.get(row.history_id, [])
                if old != new:
                    label = str(Practice._meta.get_field(field).verbose_name).capitalize()
                    changes.append(FieldChange(label, ", ".join(old) or None, ", ".join(new) or None))
        if previous is not None and row.history_type == "~" and not changes:
            continue  # a save that changed nothing a person would notice
        entries.append(
            HistoryEntry(
                when=row.history_date,
                who=row.history_user,
                kind=str(CHANGE_KINDS.get(row.history_type, row.history_type)),
                changes=changes,
                reason=row.history_change_reason or "",
            )
        )
    entries.reverse()
    return entries


class PracticeHistoryPage(HistoryView):
    """History of a practice; subclasses set `get_queryset()`."""

    def get_context_data(self, **kwargs):
        context = super(HistoryView, self).get_context_data(**kwargs)
        context["entries"] = practice_history_entries(practice=self.object)
        context["object_label"] = self.object._meta.verbose_name
        return context
