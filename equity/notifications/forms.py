"""The preferences form: one choice per kind of event, grouped as the apps declare them."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from equity.notifications.kinds import Delivery, notification_kinds


class PreferencesForm(forms.Form):
    """A select per declared kind, named by its code; its help text says who receives it."""

    def __init__(self, *args, current: dict[str, Delivery], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for code, kind in notification_kinds().items():
            self.fields[code] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=current[code],
                help_text=_("Default: %(default)s.") % {"default": Delivery(kind.default).label},
            )
            self.fields[code].group = kind.group  # type: ignore[attr-defined]  # read by the template

    def grouped(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fields under their groups' headings, in the apps' order."""
        groups: dict[str, list[forms.BoundField]] = {}
        for name in self.fields:
            groups.setdefault(str(self.fields[name].group), []).append(self[name])  # type: ignore[attr-defined]
        return list(groups.items())
