"""Stale-edit refusal: a record's `version` must still be the one the form was opened with."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from equity.audit import _label


class StaleEditError(ValidationError):
    """Someone saved the record after this form was opened; `changes` says what they changed."""

    def __init__(self, *, changes: list[str], who: object | None):
        self.changes = changes
        self.who = who
        detail = "; ".join(changes) if changes else _("details unavailable")
        if who:
            message = _(
                "%(who)s changed this record after you opened the form (%(detail)s). Your changes were not saved: "
                "reload the page, check their changes, and make yours again."
            ) % {"who": who, "detail": detail}
        else:
            message = _(
                "Someone changed this record after you opened the form (%(detail)s). Your changes were not saved: "
                "reload the page, check their changes, and make yours again."
            ) % {"detail": detail}
        super().__init__(message, code="stale")


def _describe(value: object) -> str:
    return "—" if value in (None, "") else str(value)


def stale_changes(*, obj: models.Model, since_version: int) -> tuple[list[str], object | None]:
    """What changed in `obj` since the history row that had `since_version`, and who made the latest change."""
    rows = obj.history.select_related("history_user").order_by("-history_date", "-history_id")
    latest = rows.first()
    base = rows.filter(version=since_version).first()
    if latest is None or base is None:
        return [], getattr(latest, "history_user", None)
    delta = latest.diff_against(base, foreign_keys_are_objs=False)
    model = type(obj)
    changes = [
        f"{_label(model, c.field)}: {_describe(c.old)} → {_describe(c.new)}"
        for c in delta.changes
        if c.field != "version"
    ]
    return changes, latest.history_user


def lock_current(*, obj: models.Model, version: int | None) -> models.Model:
    """Lock the record's row and refuse when its version moved past `version` (None skips the check)."""
    current = type(obj).objects.select_for_update().get(pk=obj.pk)
    if version is not None and current.version != version:
        changes, who = stale_changes(obj=current, since_version=version)
        raise StaleEditError(changes=changes, who=who)
    return current
