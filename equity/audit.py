"""The audit trail: who changed a domain record, when, and each field from what to what.

Records carry `history = HistoricalRecords()` (django-simple-history). This module turns their history rows into
entries a person can read, and gives every app the same History page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView
from simple_history.utils import get_m2m_reverse_field_name

CHANGE_KINDS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


def audited_save(
    obj: models.Model,
    *,
    author: object | None,
    reason: str | None = None,
    update_fields: Iterable[str] | None = None,
    using: str | None = None,
) -> models.Model:
    """Save a record with its author (and optional reason) on the history row; the one way writes name who did them.
    `using` names the database (a data migration's); without it Django picks it as for `save()`."""
    obj._history_user = author  # type: ignore[attr-defined]  # read by django-simple-history
    if reason is not None:
        obj._change_reason = reason  # type: ignore[attr-defined]  # read by django-simple-history
    if update_fields is None:
        obj.save(using=using)
    else:
        obj.save(update_fields=list(update_fields), using=using)
    return obj


def attribute_changes(obj: models.Model, *, author: object | None) -> models.Model:
    """Name the author of the many-to-many changes about to be made on `obj` (simple-history records them)."""
    obj._history_user = author  # type: ignore[attr-defined]  # read by django-simple-history's m2m record
    return obj


def audited_delete(obj: models.Model, *, author: object | None, reason: str | None = None) -> None:
    """Delete a record, naming its author (and optional reason) on the history row that keeps it."""
    obj._history_user = author  # type: ignore[attr-defined]  # read by django-simple-history
    if reason is not None:
        obj._change_reason = reason  # type: ignore[attr-defined]  # read by django-simple-history
    obj.delete()


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: object
    kind: str
    changes: list[FieldChange]
    reason: str


def field_label(model: type[models.Model], field_name: str) -> str:
    try:
        field = model._meta.get_field(field_name)
    except FieldDoesNotExist:
        field = None
    if isinstance(field, models.Field):
        return str(field.verbose_name).capitalize()
    return field_name.replace("_", " ").capitalize()  # removed fields and reverse relations keep their raw name


def _m2m_labels(history_model, m2m_fields, rows) -> dict[tuple[str, int], list[str]]:
    """For each (field, history row id), the sorted names of the related objects: one query per m2m field."""
    labels: dict[tuple[str, int], list[str]] = {}
    row_ids = [row.history_id for row in rows]
    for field in m2m_fields:
        m2m_history = getattr(history_model, field.name).model  # e.g. HistoricalUser_departments
        target = get_m2m_reverse_field_name(field)
        names: dict[int, list[str]] = {row_id: [] for row_id in row_ids}
        joins = [target] + [f"{target}__{name}" for name in getattr(field.related_model, "history_select_related", ())]
        for item in m2m_history.objects.filter(history_id__in=row_ids).select_related(*joins):
            try:
                names[item.history_id].append(str(getattr(item, target)))
            except ObjectDoesNotExist:  # the related record was deleted since
                names[item.history_id].append(f"#{getattr(item, target + '_id')}")
        for row_id, values in names.items():
            labels[(field.name, row_id)] = sorted(values)
    return labels


def history_entries(
    *,
    obj: models.Model,
    limit: int = 200,
    related: Iterable[str] | None = None,
    hidden_fields: Iterable[str] = (),
    skip_unchanged: bool = False,
) -> list[HistoryEntry]:
    """The newest `limit` changes of one record, each with its field-by-field differences, in a fixed number of
    queries: many-to-many history (e.g. a user's departments) is read in bulk rather than diffed row by row.

    Options: `related` names the tracked many-to-many fields to include (default: all), `hidden_fields` are never
    shown (e.g. a revision counter), `skip_unchanged` drops saves that changed nothing a person would notice."""
    hidden = set(hidden_fields)
    history = obj.history  # type: ignore[attr-defined]  # HistoricalRecords adds .history to the model class
    m2m_fields = [
        field
        for field in getattr(history.model, "_history_m2m_fields", [])
        if (related is None or field.name in related) and field.name not in hidden
    ]
    all_m2m = [field.name for field in getattr(history.model, "_history_m2m_fields", [])]
    m2m_names = [field.name for field in m2m_fields]
    queryset = history.select_related("history_user").order_by("-history_date", "-history_id")
    rows = list(queryset[: limit + 1])
    rows.reverse()
    m2m_labels = _m2m_labels(history.model, m2m_fields, rows) if m2m_names else {}
    entries: list[HistoryEntry] = []
    model = type(obj)
    for index, row in enumerate(rows):
        previous = rows[index - 1] if index else None
        if previous is None and len(rows) > limit:
            continue  # the oldest row only serves as the base for the next diff
        changes: list[FieldChange] = []
        if previous is not None and row.history_type == "~":
            delta = row.diff_against(previous, foreign_keys_are_objs=False, excluded_fields=all_m2m)
            changes = [
                FieldChange(field_label(model, c.field), c.old, c.new) for c in delta.changes if c.field not in hidden
            ]
            for name in m2m_names:
                old, new = m2m_labels[(name, previous.history_id)], m2m_labels[(name, row.history_id)]
                if old != new:
                    label = field_label(model, name)
                    changes.append(FieldChange(label, ", ".join(old) or None, ", ".join(new) or None))
            if skip_unchanged and not changes:
                continue
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


class HistoryView(LoginRequiredMixin, DetailView):
    """A record's History page, the one every app uses. Subclasses set `get_queryset()` from their `..._for_user`
    selector and may set the options of `history_entries`: `related`, `hidden_fields`, `skip_unchanged`. Files
    attached to the record (equity.evidence) are listed among its changes."""

    template_name = "equity/history.html"
    context_object_name = "object"
    back_url_name: str = ""
    related: tuple[str, ...] | None = None
    hidden_fields: tuple[str, ...] = ()
    skip_unchanged: bool = False

    def attachment_owners(self) -> list[models.Model]:
        """The records whose attachments (added, removed) this history lists: the record itself by default; a page
        may add the records shown inside it (an action's milestones and progress updates)."""
        return [self.object]

    def get_context_data(self, **kwargs):
        from equity.evidence.selectors import attachment_history_entries  # evidence reads audit: import on use

        context = super().get_context_data(**kwargs)
        entries = history_entries(
            obj=self.object, related=self.related, hidden_fields=self.hidden_fields, skip_unchanged=self.skip_unchanged
        )
        files = attachment_history_entries(owners=self.attachment_owners())
        context["entries"] = sorted([*entries, *files], key=lambda entry: entry.when, reverse=True)
        context["object_label"] = self.object._meta.verbose_name
        return context
