"""Optimistic locking: a form carries the revision it was opened with; a save re-reads the row under a lock and
refuses a stale form with one `StaleEdit` that says who changed what, instead of silently overwriting it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from equity.audit import FieldChange, field_label

M = TypeVar("M", bound=models.Model)


def _describe(value: object) -> str:
    return "—" if value in (None, "") else str(value)


class StaleEdit(ValidationError):
    """Someone saved the record after this form was opened: `changes` lists what they changed (field, old, new),
    `who` the last author when known, `current` the locked, fresh row. Views show it with the form (no 500)."""

    def __init__(
        self,
        *,
        changes: list[FieldChange] | None = None,
        who: object | None = None,
        current: models.Model | None = None,
        what: str | None = None,
    ):
        self.changes = list(changes or [])
        self.who = who
        self.current = current
        detail = "; ".join(f"{c.field}: {_describe(c.old)} → {_describe(c.new)}" for c in self.changes)
        params = {"who": who or _("Someone else"), "what": what or _("this record")}
        message = _("%(who)s changed %(what)s since you opened this page") % params
        if detail:
            message += f" ({detail})"
        message += ". " + _("Your changes were not saved: reload the page, check their changes and make yours again.")
        super().__init__(message, code="stale")

    @property
    def fields(self) -> list[str]:
        """The labels of the fields that changed, e.g. for highlighting them in the form."""
        return [change.field for change in self.changes]


def _changes_since(*, current: models.Model, field: str, revision: object) -> tuple[list[FieldChange], object | None]:
    """Field-by-field changes between the history row that had `revision` and the newest one, and its author."""
    history = getattr(current, "history", None)
    if history is None:
        return [], None
    rows = history.select_related("history_user").order_by("-history_date", "-history_id")
    latest = rows.first()
    in_range = isinstance(revision, int) and 0 <= revision < 2**31  # a tampered form must not break the query
    base = rows.filter(**{field: revision}).first() if in_range else None
    if latest is None or base is None:
        return [], getattr(latest, "history_user", None)
    delta = latest.diff_against(base, foreign_keys_are_objs=False)
    model = type(current)
    changes = [FieldChange(field_label(model, c.field), c.old, c.new) for c in delta.changes if c.field != field]
    return changes, latest.history_user


def lock_for_edit(
    *,
    obj: M,
    revision: object | None,
    field: str = "version",
    stamp: Callable[[M], object] | None = None,
    what: str | None = None,
    locked: bool = False,
) -> M:
    """Re-read `obj`'s row with `select_for_update()` inside the caller's transaction and return it; raise StaleEdit
    when its revision (the `field` value, or `stamp(row)` for state that spans rows) is no longer `revision`.
    `revision=None` only locks (a form that carries no revision, or a create); `locked=True` says the caller has just
    read `obj` with `select_for_update()` in this transaction (e.g. a get_or_create), so it is not read again."""
    current = obj if locked else type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    if revision is None:
        return current
    now = stamp(current) if stamp is not None else getattr(current, field)
    if now != revision:
        if stamp is not None:
            raise StaleEdit(current=current, what=what)
        changes, who = _changes_since(current=current, field=field, revision=revision)
        raise StaleEdit(changes=changes, who=who, current=current, what=what)
    return current


def revision_from_form(form: object, name: str, value: object) -> object:
    """`clean_<name>` of a form's hidden revision field: a form opened on a record (the field had an initial value)
    must post it back. Without it the save could not be checked and would silently overwrite a colleague's edit, so
    the form is refused with the stale-edit code (views answer 409 with the error summary) and nothing is saved."""
    fields = getattr(form, "fields", {})
    initial = getattr(form, "initial", {}) or {}
    instance = getattr(form, "instance", None)
    if instance is not None and instance.pk is None:
        return value  # a create: there is nothing to overwrite
    opened_on_record = fields[name].initial is not None or initial.get(name) is not None
    if value is None and opened_on_record:
        message = _(
            "This form did not say which version of the record it was opened on, so saving it could overwrite a "
            "colleague's changes. Nothing was saved: reload the page and make your changes again."
        )
        form.add_error(None, ValidationError(message, code="stale"))  # type: ignore[attr-defined]
    return value
