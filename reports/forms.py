"""Forms for the report pages: choosing what a report is about (its target) among the records the user may see."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.kinds import ReportKind


class TargetChoiceForm(forms.Form):
    """A GET form that picks the report's target; the request page then asks for the kind's own parameters."""

    target: forms.ModelChoiceField[Any] = forms.ModelChoiceField(queryset=None, label=_("Report on"), empty_label=None)

    def __init__(self, *args, kind: ReportKind[Any], user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        target = cast(forms.ModelChoiceField, self.fields["target"])
        target.queryset = kind.targets_to_offer(user)  # only targets the user may request the report on
        target.label = kind.target_label
