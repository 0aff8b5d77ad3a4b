"""Kinds of notification: each app declares the events it raises in its `notifications.py`.

Usage in an app::

    from equity.notifications.kinds import NOTIFICATION_KINDS, NotificationKind, Delivery

    @NOTIFICATION_KINDS.register(order=20)
    def notification_kinds():
        return [NotificationKind(code="plans.action_assigned", ...)]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from equity.contributions import ContributionPoint

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from equity.models import User


class Delivery(models.TextChoices):
    """How a person hears about one kind of event, besides the inbox (which always has it)."""

    IMMEDIATE = "immediate", _("E-mail at once")
    DAILY = "daily", _("Daily digest e-mail")
    WEEKLY = "weekly", _("Weekly digest e-mail")
    INBOX = "inbox", _("Inbox only, no e-mail")


@dataclass(frozen=True)
class NotificationKind:
    """One kind of event.

    - `code`: "<app>.<event>", stored on each notification and preference.
    - `label`: what happened, as the preferences page and digests name it.
    - `recipients`: who receives it, in words (the preferences page and docs/notifications.md).
    - `group`: the heading it is listed under (the app's area).
    - `default`: the delivery for people who have not chosen; `manager_default` for managers, when it differs.
    - `visible`: the `..._for_user` selector of the records it is about: nobody is told about a record outside it.
    """

    code: str
    label: StrOrPromise
    recipients: StrOrPromise
    group: StrOrPromise
    default: Delivery
    visible: Callable[[User], models.QuerySet[Any]]
    manager_default: Delivery | None = None

    def default_for(self, user: User) -> Delivery:
        if self.manager_default is not None and user.is_manager:
            return self.manager_default
        return self.default


NOTIFICATION_KINDS = ContributionPoint("notifications")


@cache
def notification_kinds() -> dict[str, NotificationKind]:
    """Every declared kind by code, in the apps' order (declarations are static: read once per process)."""
    found: dict[str, NotificationKind] = {}
    for provider in NOTIFICATION_KINDS.entries():
        for kind in provider():
            found[kind.code] = kind
    return found


def notification_kind(code: str) -> NotificationKind:
    """The kind with `code`; a KeyError names an undeclared code (a programming error, never user input)."""
    return notification_kinds()[code]
