"""The preferences form: one choice per kind of event, grouped as the apps declare them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from equity.notifications.kinds import Delivery, NotificationKind, notification_kinds

if TYPE_CHECKING:
    from equity.models import User


class PreferencesForm(forms.Form):
    """A select per declared kind, named by its code; its help text says who receives it and the default.

    A value outside the choices (a tampered form) is a field error: nothing is saved."""

    def __init__(self, *args, user: User, current: dict[str, Delivery], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kinds: dict[str, NotificationKind] = dict(notification_kinds())
        for code, kind in self.kinds.items():
            self.fields[code] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=current[code],
                help_text=_("Who receives it: %(recipients)s. Default: %(default)s.")
                % {"recipients": kind.recipients, "default": kind.default_for(user).label},
            )

    def grouped(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fields under their groups' headings, in the apps' order."""
        groups: dict[str, list[forms.BoundField]] = {}
        for code, kind in self.kinds.items():
            groups.setdefault(str(kind.group), []).append(self[code])
        return list(groups.items())

    def changed_choices(self, current: dict[str, Delivery]) -> dict[str, Delivery]:
        """The kinds whose cleaned choice differs from `current` (call after `is_valid()`)."""
        return {code: Delivery(value) for code, value in self.cleaned_data.items() if Delivery(value) != current[code]}
